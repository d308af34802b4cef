docker run python:3.13-slim # want "RT006" col=8 msg="runs as the image's user"
docker run -u root python:3.13-slim # want "RT006" col=12 msg="\\(user root\\)"
docker run -itu 0 python:3.13-slim # want "RT006" col=12 msg="\\(user 0\\)"
docker run --user 10001 python:3.13-slim
docker run --user="$(id -u)" python:3.13-slim
docker run cgr.dev/chainguard/static:latest
