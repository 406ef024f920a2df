# GlassBox: JupyterLab + Go + the Go (GlassBox) kernel + the notebooks.
#
#   docker build -t glassbox .                       # XLA CPU plugin
#   docker build -t glassbox --build-arg CUDA=1 .    # plus the CUDA plugin
#   docker run --rm -p 8888:8888 glassbox            # then open the printed URL
#   docker run --rm --gpus all -p 8888:8888 glassbox # with CUDA=1 and an NVIDIA GPU
#
# The image runs the same make targets as a checkout: `make lab` by default,
# `docker run --rm glassbox make test` or `make demo` also work.
FROM golang:1.26-bookworm

ARG CUDA=0
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv make ca-certificates \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 analyst
USER analyst
WORKDIR /home/analyst/glassbox
COPY --chown=analyst:analyst . .

# Go tools, Jupyter venv and kernelspec, exactly as `make kernel` does on a laptop.
RUN make kernel
# XLA: the CPU plugin always, CUDA's when asked (downloads happen here, at build time).
RUN if [ "$CUDA" = 1 ]; then bin/glassbox xla install --cuda; else bin/glassbox xla install; fi \
 && bin/glassbox doctor

EXPOSE 8888
CMD [".venv/bin/jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--notebook-dir=notebooks"]
