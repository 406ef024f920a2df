#!/usr/bin/env bash
# Shapley explainers vs Python's shap, side by side on the same functions,
# background and rows. Results: bench/out/explain_{go,shap}.json and a
# Markdown table on stdout (copied into bench/RESULTS.md by hand).
#   bash bench/explain/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/pip install -q -r bench/requirements.txt
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
go run ./bench/explain -out bench/out
# One BLAS thread: numpy's threads spin and thrash on this shared 2-core
# machine; the peer is then compared with Go's 1-worker runs core for core.
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 bench/.venv/bin/python bench/explain/shap_peer.py --out bench/out
