FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

# The :debug tag runs as root; its nonroot user is UID 65532.
# want "DF001" col=1
FROM gcr.io/distroless/static-debian12:debug
COPY --from=build /app /app
ENTRYPOINT ["/app"]
