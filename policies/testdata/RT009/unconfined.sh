docker run --security-opt seccomp=unconfined alpine:3.20 # want "RT009" col=12
docker run --security-opt=apparmor:unconfined alpine:3.20 # want "RT009" col=12
docker run --security-opt seccomp=./profile.json alpine:3.20
