FROM alpine:3.22
RUN curl -fsSL https://example.com/install.sh | sh # want "DF006" col=49
RUN wget -qO- https://example.com/i.sh \
    | tee /tmp/i.sh \
    | sudo -E bash # want "DF006" col=7
RUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh
RUN curl -fsSL https://example.com/a.tgz | tar xz
