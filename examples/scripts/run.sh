#!/bin/sh
# Start the application the way a README's quick start does.
set -eu

IMAGE="shop/app:1.4.2"

docker network create shop 2>/dev/null || true

# The one-liner from the project's README.
docker run -d --name shop-app --restart unless-stopped \
  --privileged \
  -p 8080:8080 \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -e DB_PASSWORD=s3cr3t-pa55 \
  shop/app:latest

# The same container, hardened.
docker run -d --name shop-app-hardened --restart unless-stopped \
  --read-only --tmpfs /tmp \
  --cap-drop=ALL \
  --security-opt=no-new-privileges \
  --user 10001:10001 \
  -p 8081:8080 \
  -e DB_PASSWORD \
  "$IMAGE"
