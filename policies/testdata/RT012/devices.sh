docker run --device /dev/mem ghcr.io/acme/web:1.0 # want "RT012" col=12
docker run --device=/dev/fuse ghcr.io/acme/web:1.0 # want "RT012" col=12
