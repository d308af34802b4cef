#!/bin/sh
set -eu
docker run --privileged --rm alpine:3.20 true # want "RT001" col=12
docker run --rm --privileged=false alpine:3.20 true
# want "RT001" col=12
docker run --privileged \
  -v "$PWD:/src" \
  alpine:3.20 true
podman run --privileged alpine:3.20 # want "RT001" col=12
docker run --rm alpine:3.20 --privileged
echo docker run --privileged alpine
