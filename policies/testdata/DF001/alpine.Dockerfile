# want "DF001" col=1
FROM alpine:3.22
RUN apk add --no-cache ca-certificates
COPY app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["serve"]
