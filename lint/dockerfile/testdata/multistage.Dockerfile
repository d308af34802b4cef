# syntax=docker/dockerfile:1.7
# A realistic multi-stage build: Go API, Node front end, distroless runtime.
ARG GO_VERSION=1.22
ARG NODE_VERSION=20
ARG RUNTIME=gcr.io/distroless/static-debian12:nonroot

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 \
    GOFLAGS="-trimpath -mod=readonly"
RUN apt-get update \
    # tools needed by go generate
    && apt-get install -y --no-install-recommends git ca-certificates sudo \
    && rm -rf /var/lib/apt/lists/*
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go mod download
COPY . .
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags="-s -w" -o /out/api ./cmd/api

FROM node:${NODE_VERSION}-alpine AS web
WORKDIR /web
RUN corepack enable && \
    curl -fsSL https://get.pnpm.io/install.sh | sudo -E sh -
COPY web/package.json web/pnpm-lock.yaml ./
RUN --mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile
COPY web/ .
RUN pnpm build

FROM build AS test
RUN <<EOF
set -eux
go vet ./...
go test -race ./... | tee /tmp/test.log
chmod 777 /tmp/test.log
EOF

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates tzdata && \
    addgroup -S app && adduser -S -G app app
USER app

FROM ${RUNTIME}
LABEL org.opencontainers.image.source="https://github.com/acme/api" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=certs /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /out/api /api
COPY --from=web /web/dist /static
COPY --from=ghcr.io/acme/migrations:2.4.1@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 /migrations /migrations
COPY <<EOF /etc/api/config.yaml
listen: :8080
static: /static
EOF
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=3s CMD ["/api", "healthcheck"]
ENTRYPOINT ["/api"]
CMD ["serve", "--config", "/etc/api/config.yaml"]
