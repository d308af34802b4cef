FROM alpine:3.22
# want "DF005" col=5
ADD https://example.com/tool.tgz /tmp/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /tmp/
# want "DF005" col=5
ADD git@github.com:acme/repo.git /src
ADD local.tgz /opt/
