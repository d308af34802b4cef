FROM ubuntu:24.04 AS build
FROM debian:bookworm-slim
COPY --from=build /x /x
