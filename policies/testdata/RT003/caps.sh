docker run --cap-drop=ALL --cap-add=NET_BIND_SERVICE nginx:1.27
docker run --cap-drop=ALL --cap-add NET_ADMIN nginx:1.27 # want "RT003" col=27
docker run --cap-add "$CAP" nginx:1.27
