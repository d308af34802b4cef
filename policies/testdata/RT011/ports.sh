docker run -p 2222:22 ghcr.io/acme/sshd:1.0 # want "RT011" col=12
docker run -p 127.0.0.1:8080:80 -p22 ghcr.io/acme/sshd:1.0 # want "RT011" col=33
docker run -p 8022:8022 ghcr.io/acme/web:1.0
