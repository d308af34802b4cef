# want "IM001"
FROM python
# want "IM001"
FROM node:latest
FROM python:3.13-slim
FROM scratch
