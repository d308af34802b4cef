# Build arguments that carry registry tokens into RUN: each use is
# recorded in the image history (docker history --no-trunc).
FROM node:22-alpine AS build
# want "DF004" col=1
ARG NPM_TOKEN
# want "DF004" col=1
ARG GITHUB_TOKEN
WORKDIR /app
COPY package.json package-lock.json ./
# want "DF004" col=10
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && \
    npm ci && rm .npmrc
# want "DF004" col=15
RUN git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/shared.git /src/shared
# want "DF004" col=1
ENV NODE_AUTH_TOKEN=${NPM_TOKEN}

# The fix: the token is mounted for one RUN and never stored.
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
# A literal password in a URL is an error wherever it is.
# want "DF004" col=31
RUN curl -fsSLo /tmp/tool.tgz https://deploy:Tr0ub4dor@artifacts.example.com/tool.tgz
# want "DF004" col=5
ADD https://builder:s3cr3tpw@files.example.com/agent.tgz /opt/
RUN curl -fsSL https://artifacts.example.com/tool.tgz -o /tmp/tool.tgz
USER node
