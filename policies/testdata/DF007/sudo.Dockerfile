FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y sudo
RUN sudo apt-get install -y curl # want "DF007" col=5
RUN echo sudo
