FROM alpine:3.22
# want "DF000" col=1
FORM python:3.12
