docker run --net=host nginx:1.27 # want "RT007" col=12
docker run --network host nginx:1.27 # want "RT007" col=12
# want "RT007" col=12
docker run --pid=host \
  --ipc=host nginx:1.27 # want "RT007" col=3
docker run --network "$NET" nginx:1.27
docker run --network bridge --userns=host nginx:1.27 # want "RT007" col=29
