FROM nginx:1.27
# want "DF012" col=6
COPY certs/server.key /etc/nginx/tls/
# want "DF012" col=6
COPY certs/server.pem /etc/nginx/tls/
# Certificates and CA bundles are public.
COPY certs/fullchain.pem certs/ca.pem certs/cert.pem /etc/nginx/tls/
COPY certs/rds-combined-ca-bundle.pem /etc/ssl/certs/
# want "DF012" col=6
COPY keystore.p12 /opt/app/
# want "DF012" col=6
COPY config/app.jks /opt/app/
COPY config/truststore.jks /opt/app/
# want "DF012" col=6
COPY deploy/kubeconfig /root/.kube/
# want "DF012" col=6
COPY .docker/config.json /root/.docker/config.json
# want "DF012" col=6
COPY .git-credentials /root/
# want "DF012" col=6
COPY keys/id_ed25519 /root/.ssh/
COPY keys/id_ed25519.pub /root/.ssh/authorized_keys
# A repository signing key where apt reads it is a public key.
COPY nodesource.key /usr/share/keyrings/nodesource.key
COPY nginx_signing.key /tmp/
