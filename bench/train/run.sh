#!/usr/bin/env bash
# Training benchmark: GlassBox (GoMLX) vs scikit-learn's MLPClassifier on the
# same 10,000 × 10 rows, reference MLP, batch 32, 10 epochs, in one run.
#   bash bench/train/run.sh                       pure-Go backend (noxla build)
#   XLA_PLUGIN=/abs/pjrt_c_api_cpu_plugin.so bash bench/train/run.sh
#                                                 also the XLA backend with that plugin (cgo build)
#   GOEXPERIMENT=simd bash bench/train/run.sh     GoMLX's AVX2/AVX-512 matmul kernels on the go backend
# Results go to bench/out/train_*.json; copy the summary into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-10000} EPOCHS=${EPOCHS:-10} BATCH=${BATCH:-32}
mkdir -p bench/out
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3)"
export GOMLX_NO_AUTO_INSTALL=1
go build -tags=noxla -o bench/out/train_go ./bench/train
bench/out/train_go -backend go -rows "$ROWS" -epochs "$EPOCHS" -batch-size "$BATCH" -csv bench/out/train_data.csv >bench/out/train_go.json
bench/.venv/bin/python bench/train/sklearn_peer.py bench/out/train_data.csv --epochs "$EPOCHS" --batch "$BATCH" >bench/out/train_sklearn.json
results=(bench/out/train_go.json)
if [ -n "${XLA_PLUGIN:-}" ]; then
  go build -o bench/out/train_xla ./bench/train
  bench/out/train_xla -backend "xla:$XLA_PLUGIN" -rows "$ROWS" -epochs "$EPOCHS" -batch-size "$BATCH" >bench/out/train_xla.json
  results+=(bench/out/train_xla.json)
fi
bench/.venv/bin/python - "${results[@]}" <<'PY'
import json, sys
sk = json.load(open("bench/out/train_sklearn.json"))
print(f"{'':28} {'train s':>9} {'predict rows/s':>15} {'train acc':>10} {'loss':>7}")
print(f"{'scikit-learn ' + sk['sklearn_version']:28} {sk['train_seconds']:9.3f} {sk['predict_rows_per_sec']:15,.0f} {sk['train_accuracy']:10.4f} {sk['final_loss']:7.4f}")
for path in sys.argv[1:]:
    r = json.load(open(path))
    e = r["epoch_end_seconds"]
    steady = (e[-1] - e[0]) / (len(e) - 1) if len(e) > 1 else float("nan")
    label = 'glassbox ' + r['backend'][:14] + (' simd' if 'simd' in r.get('build', '') else '')
    print(f"{label:28} {r['train_seconds']:9.3f} {r['predict_rows_per_sec']:15,.0f} {r['train_accuracy']:10.4f} {r['final_loss']:7.4f}"
          f"   first epoch (incl. compile) {e[0]:.3f} s, later epochs {steady:.3f} s each;"
          f" ratios glassbox/sklearn: training time {r['train_seconds']/sk['train_seconds']:.2f}, prediction throughput {r['predict_rows_per_sec']/sk['predict_rows_per_sec']:.2f}")
PY
