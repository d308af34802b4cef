FROM alpine:3.22
RUN echo "unterminated # want "DF010"
RUN echo fine
