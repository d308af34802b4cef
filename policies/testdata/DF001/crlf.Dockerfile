# want "DF001" col=1
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
COPY app /app
CMD ["/app"]
