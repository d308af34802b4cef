# Amazon Linux ships no useradd: the fix runs as a bare UID.
# want "DF001" col=1
FROM amazonlinux:2023
COPY app /usr/local/bin/app
CMD ["/usr/local/bin/app"]
