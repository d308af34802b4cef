FROM node:22 AS build
COPY .npmrc ./
FROM node:22-alpine
COPY .env.example ./
# want "DF012" col=6
COPY .env ./
# want "DF012" col=6
COPY keys/id_rsa /root/.ssh/
