#!/bin/bash
docker run -it --rm alpine:3.20 sh # want "RT002" col=8
docker run --cap-drop=ALL --rm alpine:3.20 sh
docker run --cap-drop ALL alpine:3.20
docker run $DOCKER_OPTS alpine:3.20
docker run --cap-drop "$CAPS" alpine:3.20
docker container create --name x alpine:3.20 # want "RT002" col=18
