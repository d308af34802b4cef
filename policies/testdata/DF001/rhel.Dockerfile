# want "DF001" col=1
FROM registry.access.redhat.com/ubi9/ubi:9.6
RUN dnf install -y python3 && dnf clean all
COPY app /app
CMD ["python3", "/app/main.py"]
