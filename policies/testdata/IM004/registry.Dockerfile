FROM registry.example.com/base/python:3.13
FROM ghcr.io/acme/tool:1.0
# want "IM004" col=6
FROM ghcr.io/acme-evil/tool:1.0
# want "IM004" col=6
FROM quay.io/x/y:1
