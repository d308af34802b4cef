# hardline global ignore=DF009 health comes from the orchestrator
FROM alpine:3.22@sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412
# hardline ignore=DF007 the installer needs it
RUN apk add --no-cache curl && \
    sudo adduser -D app
# hardline ignore=DF003 nothing here makes files world-writable # want "DF014" col=1
RUN echo ready
# hardline ignore=DF999 # want "DF014" col=1
USER app
