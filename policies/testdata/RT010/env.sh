docker run -e DB_PASSWORD=hunter2hunter2 postgres:17 # want "RT010" col=12
docker run -e DB_PASSWORD -e "API_KEY=$API_KEY" postgres:17
docker run --env=AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE amazon/aws-cli:2.17.0 # want "RT010" col=12
