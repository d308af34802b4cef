FROM golang:1.25 AS build
RUN go build -o /app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app

FROM python:3.13-slim AS py
USER 10001
FROM py
CMD ["python"]
