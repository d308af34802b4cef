# Names that look like secrets to a naive check, from official images and
# common Dockerfiles: none is a credential.
FROM python:3.13-slim
# Release signing key fingerprints (python, node, ruby official images).
ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305
ENV PYTHON_GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305
ARG NODE_KEYS_URL=https://github.com/nodejs/release-keys
# Secrets read from files at run time (postgres, mysql, mariadb images).
ENV POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password
ENV MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root
ARG SECRET_PASSPHRASE_FILE
# Identifiers and settings, not secrets.
ARG AWS_ACCESS_KEY_ID
ARG SIGNING_KEY_ID
ENV AUTH_MODULE_VERSION=2.4.1
ENV AUTH_REALM=shop
ENV OAUTH_CLIENT_ID=web-frontend
ENV TOKEN_URL=https://auth.example.com/oauth/token
ENV PASSWORD_MIN_LENGTH=12
ENV TOKENIZERS_PARALLELISM=false
ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes
ENV SECRET_KEY_BASE_DUMMY=1
ARG PUBLIC_KEY
ARG public_token
ARG CACHE_KEY
# Front-end variables published in the bundle by design.
ARG NEXT_PUBLIC_MAPS_API_KEY
ARG VITE_API_KEY
# An empty ENV stores nothing.
ENV DB_PASSWORD=
# Shell variables set from a mounted secret are not build arguments.
RUN --mount=type=secret,id=token TOKEN="$(cat /run/secrets/token)" && \
    curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com/ -o /tmp/x
# URLs without a password.
RUN git clone https://github.com/acme/app.git /src/app && \
    curl -fsSL https://user@example.com/x -o /tmp/y
ARG SSH_AUTH_SOCK
