FROM nginx:1.28 AS web
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
# want "DF009" col=1
FROM nginx:1.28
COPY site /usr/share/nginx/html
