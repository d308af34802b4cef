# The Dockerfile creates a user and forgets to switch to it.
# want "DF001" col=1
FROM python:3.13-slim
RUN useradd --uid 10001 --no-create-home appuser
COPY app /app
CMD ["python", "/app/main.py"]
