# want "DF001"
FROM python:3.13-slim
COPY app /app
CMD ["python", "/app/main.py"]
