FROM python:3.13-slim
# want "DF001" col=6
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libpq5
COPY app /app
CMD ["python", "/app/main.py"]
