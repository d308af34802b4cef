# want "IM001" col=6
FROM python
# want "IM001" col=6
FROM node:latest
FROM python:3.13-slim
FROM scratch
