# nginx binds port 80 as root and drops privileges itself: no fix (use
# nginxinc/nginx-unprivileged).
# want "DF001" col=1
FROM nginx:1.27
COPY site /usr/share/nginx/html
