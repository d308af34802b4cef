# want "IM003"
FROM python:3.8-slim
# want "IM003"
FROM debian:buster
FROM python:3.13-slim
FROM node:lts
