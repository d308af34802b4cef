FROM rockylinux:9
COPY app /app
# want "DF001" col=6
USER root
