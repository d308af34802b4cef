FROM python:3.13-slim
RUN useradd --uid 10001 app
USER app
COPY app /app
# want "DF001" col=6
USER 0:0
CMD ["python", "/app/main.py"]
