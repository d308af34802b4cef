FROM rockylinux:9
COPY app /app
# want "DF001"
USER root
