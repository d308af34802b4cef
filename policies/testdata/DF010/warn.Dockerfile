FROM alpine:3.22
# want "DF010" col=10 msg="without closing quote"
RUN echo "unterminated
RUN echo fine
