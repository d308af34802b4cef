FROM golang:1.25 AS build
RUN CGO_ENABLED=0 go build -o /app .

# want "DF001" col=1
FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]
