# want "DF001"
FROM debian:bookworm-slim
COPY app /app
WORKDIR /app
