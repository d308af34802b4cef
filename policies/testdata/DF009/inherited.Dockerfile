FROM nginx:1.28 AS web
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
FROM web
COPY site /usr/share/nginx/html
