# No CMD and no newline at the end: the USER goes after the last line.
# want "DF001" col=1
FROM python:3.13-slim
WORKDIR /app
COPY . .