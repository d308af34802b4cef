FROM node:22-alpine
# want "DF013"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN curl -fsSLk https://example.com/x -o /x # want "DF013"
RUN git config --global http.sslVerify false # want "DF013"
RUN curl -fsSL https://example.com/x -o /x && wget -k -r https://example.com/
