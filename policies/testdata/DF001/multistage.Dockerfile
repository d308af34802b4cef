# Only the final stage counts: the builder is Debian, the final stage Alpine.
FROM python:3.13 AS build
USER root
RUN pip wheel --wheel-dir /wheels -r requirements.txt

# want "DF001" col=1
FROM python:3.13-alpine
COPY --from=build /wheels /wheels
RUN pip install --no-index /wheels/*
CMD ["python", "-m", "app"]
