# want "DF001" col=1
FROM python:3.13-slim
COPY app /app
CMD ["python", "/app/main.py"]
