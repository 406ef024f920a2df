#!/usr/bin/env bash
# Explaining an ml network: GlassBox's Kernel and Permutation SHAP vs shap's
# KernelExplainer and PermutationExplainer on the same weights, background,
# rows and budgets, in one run; then `glassbox explain` on 1,000 rows.
#   bash bench/mlexplain/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/out/mlexplain
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3), load $(cut -d' ' -f1 /proc/loadavg)"
export GOMLX_NO_AUTO_INSTALL=1
go run -tags=noxla ./bench/mlexplain -out bench/out/mlexplain
# One BLAS thread, as in bench/explain: the peer is compared core for core
# with GlassBox's 1-worker runs (and its 2-worker runs are shown too).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
  bench/.venv/bin/python bench/mlexplain/shap_peer.py bench/out/mlexplain >bench/out/mlexplain/shap.json
bench/.venv/bin/python - <<'PY'
import json
g = json.load(open("bench/out/mlexplain/glassbox.json"))["results"]
s = json.load(open("bench/out/mlexplain/shap.json"))
print(f"| method | shap {s['shap_version']} ms/row | shap max / mean error | GlassBox ms/row, 1 worker | 2 workers | GlassBox max / mean error | × (1 worker) | × (2 workers) |")
print("|---|---:|---|---:|---:|---|---:|---:|")
for p in s["results"]:
    gs = {r["workers"]: r for r in g if r["method"] == p["method"]}
    g1, g2 = gs[1], gs[2]
    print(f"| {p['method']} ({p['variant']}) | {p['per_row_ms']:.1f} | {p['max_error']:.1e} / {p['mean_error']:.1e} | "
          f"{g1['per_row_ms']:.2f} | {g2['per_row_ms']:.2f} | {g1['max_error']:.1e} / {g1['mean_error']:.1e} | "
          f"{p['per_row_ms']/g1['per_row_ms']:.0f} | {p['per_row_ms']/g2['per_row_ms']:.0f} |")
PY
# The CLI on 1,000 rows: the breast-cancer table (569 rows) twice, Kernel
# SHAP at the default budget and background, wall time and peak memory.
go build -tags=noxla -o bench/out/glassbox ./cmd/glassbox
T=bench/out/mlexplain
bench/out/glassbox report data --name breast-cancer --out $T/bc.csv >/dev/null
{ cat $T/bc.csv; tail -n +2 $T/bc.csv; } >$T/bc2.csv
bench/out/glassbox train --data $T/bc.csv --target target --out $T/run --seed 7 >/dev/null
for method in kernel permutation; do
  /usr/bin/time -f "glassbox explain --method $method --rows 1000: %e s wall, %M KB peak" \
    bench/out/glassbox explain --run $T/run --data $T/bc2.csv --rows 1000 --method $method --out $T/explain-$method.json >/dev/null
done
