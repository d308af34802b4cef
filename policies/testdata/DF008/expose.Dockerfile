FROM alpine:3.22 AS build
EXPOSE 22
FROM alpine:3.22
# want "DF008" col=1
EXPOSE 8080 22/tcp
EXPOSE 2222
