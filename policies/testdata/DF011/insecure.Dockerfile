FROM alpine:3.22
RUN --security=insecure mount -t tmpfs none /mnt # want "DF011" col=1
RUN --security=sandbox true
