docker run nginx:1.27 # want "RT005" col=8
docker run --security-opt=no-new-privileges nginx:1.27
docker run --security-opt no-new-privileges:true nginx:1.27
