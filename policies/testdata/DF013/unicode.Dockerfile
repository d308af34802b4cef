FROM alpine:3.22
# Columns count code points: "café" and "日本" are one column a character.
# want "DF013" col=25 msg="curl -k"
RUN echo "café" && curl -k https://example.com/x -o /x
# want "DF013" col=23 msg="--insecure"
RUN echo "日本" && curl --insecure https://example.com/y -o /y
