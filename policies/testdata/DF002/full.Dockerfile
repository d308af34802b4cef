FROM ubuntu:24.04 AS build
RUN true
# want "DF002" col=1
FROM debian:bookworm
COPY --from=build /x /x
