docker run -v /var/run/docker.sock:/var/run/docker.sock docker:27 # want "RT008" col=12
docker run -v /:/host alpine:3.20 # want "RT008" col=12
docker run --volume=/home/me/.ssh:/root/.ssh alpine:3.20 # want "RT008" col=12
docker run --mount type=bind,source=/etc,target=/etc,readonly alpine:3.20 # want "RT008" col=12
docker run -v "$PWD:/src" -v data:/data alpine:3.20
docker run -v /etc/app.conf:/etc/app.conf:ro alpine:3.20
