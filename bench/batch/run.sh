#!/usr/bin/env bash
# Batch size against training time and accuracy (FAQ Q1): the reference MLP
# (Dense(64, relu) → Dense(1, sigmoid), adam 0.001) on the same 10,000 × 10
# customer rows for 10 epochs, at batch sizes 16 … 1024, on the pure-Go
# backend and, when an XLA CPU plugin is at hand, on XLA-CPU — one run.
#   bash bench/batch/run.sh                  (XLA plugin: $XLA_PLUGIN, else the test lane's .venv-xla)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-10000} EPOCHS=${EPOCHS:-10}
SIZES=${SIZES:-"16 32 64 128 256 512 1024"}
mkdir -p bench/out
export GOMLX_NO_AUTO_INSTALL=1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3)"
go build -tags=noxla -o bench/out/train_go ./bench/train
backends=("go")
PLUGIN=${XLA_PLUGIN:-}
if [ -z "$PLUGIN" ] && [ -x .venv-xla/bin/python ]; then
  PLUGIN=$(.venv-xla/bin/python -c 'import lammps_jax_pjrt_cpu as p; print(p.PLUGIN_PATH)' 2>/dev/null || true)
fi
if [ -n "$PLUGIN" ]; then
  go build -o bench/out/train_xla ./bench/train
  backends+=("xla:$PLUGIN")
fi
: >bench/out/batch.jsonl
for be in "${backends[@]}"; do
  bin=bench/out/train_go
  [ "$be" != go ] && bin=bench/out/train_xla
  for bs in $SIZES; do
    "$bin" -backend "$be" -rows "$ROWS" -epochs "$EPOCHS" -batch-size "$bs" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >>bench/out/batch.jsonl
  done
done
python3 - <<'PY'
import json
rows = [json.loads(l) for l in open("bench/out/batch.jsonl")]
print(f"{'backend':10} {'batch':>6} {'train s':>8} {'epoch s (after the 1st)':>24} {'steps/s':>9} {'train acc':>10} {'loss':>7}")
for r in rows:
    e = r["epoch_end_seconds"]
    steady = (e[-1] - e[0]) / (len(e) - 1)
    steps = r["rows"] / r["batch_size"]
    be = "go" if r["backend"].startswith("go") else "xla-cpu"
    print(f"{be:10} {r['batch_size']:6d} {r['train_seconds']:8.2f} {steady:24.3f} {steps/steady:9,.0f} {r['train_accuracy']:10.4f} {r['final_loss']:7.4f}")
PY
