# want "IM003" col=6
FROM python:3.8-slim
# want "IM003" col=6
FROM debian:buster
FROM python:3.13-slim
FROM node:lts
