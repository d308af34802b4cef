#!/bin/sh
docker run --rm nginx # want "IM001" col=17
docker run --rm -e A=1 nginx:latest sh # want "IM001" col=24
docker run --rm "$IMAGE"
docker run --rm nginx:1.29
