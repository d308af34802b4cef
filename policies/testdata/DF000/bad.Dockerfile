FROM alpine:3.22
# want "DF000"
FORM python:3.12
