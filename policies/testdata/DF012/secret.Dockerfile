FROM node:22 AS build
COPY .npmrc ./
FROM node:22-alpine
COPY .env.example ./
# want "DF012"
COPY .env ./
# want "DF012"
COPY keys/id_rsa /root/.ssh/
