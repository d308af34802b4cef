FROM alpine:3.22
# want "DF004" col=1
ARG NPM_TOKEN
# want "DF004" col=1
ARG GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyzABCDEF0123
# want "DF004" col=1
ENV DB_PASSWORD="hunter2" APP_PORT=8080
# want "DF004" col=1
ENV PASSWORD_FILE=/run/secrets/db \
    API_KEY=${API_KEY}
ENV TOKENIZERS_PARALLELISM=false
