FROM node:22-alpine
# want "DF013" col=1
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN curl -fsSLk https://example.com/x -o /x # want "DF013" col=10
RUN git config --global http.sslVerify false # want "DF013" col=25
RUN curl -fsSL https://example.com/x -o /x && wget -k -r https://example.com/
