# want "DF001" col=1
FROM debian:bookworm-slim
COPY app /app
WORKDIR /app
