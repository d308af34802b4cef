FROM node:22-slim AS base
# want "DF001" col=6
USER root
RUN apt-get update && apt-get install -y --no-install-recommends tini

FROM base
COPY . /app
ENTRYPOINT ["tini", "--", "node", "/app/server.js"]
