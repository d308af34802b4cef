# want "DF001" col=1
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app

# Start the service.
CMD ["/usr/local/bin/app"]
