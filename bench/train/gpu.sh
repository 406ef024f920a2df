#!/usr/bin/env bash
# XLA-CUDA check and training benchmark on an NVIDIA GPU machine that has
# neither Go nor a network: the binaries are built elsewhere with XLA linked
#   go build -ldflags="-s -w" -o $BIN/train_xla ./bench/train
#   go test -c -ldflags="-s -w" -o $BIN/ml_xla.test ./ml
# and the CUDA PJRT plugin comes from a jax-cuda12/13-pjrt wheel in python3's
# site-packages (or PLUGIN=/abs/xla_cuda_plugin.so). It runs the ml XLA test
# (go vs CUDA, tf32 off) and the benchmark on the go backend, scikit-learn,
# XLA-CUDA and PyTorch (CUDA and CPU) with the same rows; JSON results and logs go to $OUT.
#   BIN=.dev/m2 OUT=/tmp/gpu bash bench/train/gpu.sh
set -uo pipefail
BIN=${BIN:-bench/out}
OUT=${OUT:-bench/out/gpu}
mkdir -p "$OUT"
nvidia-smi -L
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
SITE=$(python3 -c 'import site; print(" ".join(site.getsitepackages()))')
PLUGIN=${PLUGIN:-$(for d in $SITE; do ls "$d"/jax_plugins/xla_cuda*/xla_cuda_plugin.so 2>/dev/null; done | head -1)}
echo "CUDA PJRT plugin: ${PLUGIN:-none found}"
[ -n "$PLUGIN" ] || exit 1
# The wheel's plugin finds CUDA libraries through the nvidia-* wheels and
# ptxas/libdevice through the CUDA toolkit.
for d in $SITE; do for l in "$d"/nvidia/*/lib; do [ -d "$l" ] && LD_LIBRARY_PATH="$l:${LD_LIBRARY_PATH:-}"; done; done
export LD_LIBRARY_PATH
if [ -d /usr/local/cuda ]; then export PATH="/usr/local/cuda/bin:$PATH" XLA_FLAGS="--xla_gpu_cuda_data_dir=/usr/local/cuda"; fi
export GOMLX_NO_AUTO_INSTALL=1
GLASSBOX_XLA_PLUGIN="$PLUGIN,tf32=false" timeout 150 "$BIN/ml_xla.test" -test.run 'XLA|Backend' -test.v 2>&1 | tee "$OUT/ml_xla_test.log" | tail -20
timeout 90 "$BIN/train_xla" -backend go -csv "$OUT/train_data.csv" >"$OUT/train_go.json" 2>"$OUT/train_go.err"
timeout 90 python3 bench/train/sklearn_peer.py "$OUT/train_data.csv" >"$OUT/train_sklearn.json" 2>"$OUT/train_sklearn.err"
timeout 200 "$BIN/train_xla" -backend "xla:$PLUGIN" >"$OUT/train_cuda.json" 2>"$OUT/train_cuda.err"
# PyTorch, which the GPU image ships, on the same rows: on the GPU and on its CPUs.
timeout 120 python3 bench/train/torch_peer.py "$OUT/train_data.csv" --device cuda >"$OUT/train_torch_cuda.json" 2>"$OUT/train_torch_cuda.err"
timeout 120 python3 bench/train/torch_peer.py "$OUT/train_data.csv" --device cpu >"$OUT/train_torch_cpu.json" 2>"$OUT/train_torch_cpu.err"
for f in train_go train_sklearn train_cuda train_torch_cuda train_torch_cpu; do echo "== $f"; cat "$OUT/$f.json"; tail -5 "$OUT/$f.err"; done
