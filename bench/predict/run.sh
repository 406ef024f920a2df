#!/usr/bin/env bash
# Prediction throughput: ml's Predict (pure-Go backend, native float32
# kernels) vs scikit-learn's predict_proba with the same weights on the same
# rows, in one run. OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are unset for the peer
# so that OpenBLAS picks its own kernel for this CPU (printed).
#   bash bench/predict/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/out/predict
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3), load $(cut -d' ' -f1 /proc/loadavg)"
GOMLX_NO_AUTO_INSTALL=1 go run -tags=noxla ./bench/predict -out bench/out/predict
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/.venv/bin/python bench/predict/sklearn_peer.py bench/out/predict >bench/out/predict/sklearn.json
bench/.venv/bin/python - <<'PY'
import json
g = json.load(open("bench/out/predict/glassbox.json"))
s = json.load(open("bench/out/predict/sklearn.json"))
print("BLAS:", s.get("blas"))
print(f"| network | rows | GlassBox rows/s | scikit-learn {s['sklearn_version']} rows/s | ratio | max |Δ| |")
print("|---|---:|---:|---:|---:|---:|")
peer = {(r["name"], r["rows"]): r["rows_per_sec"] for r in s["results"]}
for r in g["results"]:
    p = peer[(r["name"], r["rows"])]
    print(f"| {r['name']} | {r['rows']:,} | {r['rows_per_sec']:,.0f} | {p:,.0f} | {r['rows_per_sec']/p:.2f} | {s['max_abs_diff'][r['name']]:.1e} |")
PY
