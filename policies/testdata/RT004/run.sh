#!/bin/sh
# want "RT004" col=8 msg="has a writable root"
docker run -d \
  --name web \
  -p 8080:80 \
  nginx:1.27
docker run --read-only=false nginx:1.27 # want "RT004" col=12 msg="sets a writable root"
docker run --read-only nginx:1.27
sudo -E docker run -it alpine:3.20 sh # want "RT004" col=16 msg="has a writable root"
docker run "$@" alpine:3.20
