FROM alpine:3.22
RUN chmod -R 777 /app # want "DF003" col=14
RUN chmod 1777 /tmp && chmod 755 /app && chmod +w /app
RUN mkdir /data && \
    chmod o+w /data # want "DF003" col=11
# want "DF003" col=1
COPY --chmod=666 conf /etc/conf
