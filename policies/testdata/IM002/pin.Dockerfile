# want "IM002" col=6
FROM python:3.13-slim
FROM python:3.13-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM scratch
FROM python:latest
FROM python
