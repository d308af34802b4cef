docker run quay.io/prometheus/node-exporter:v1.9.0 # want "IM004" col=12
docker run registry.example.com/team/app:1.0
