#!/usr/bin/env bash
# Kernel benchmarks: cold `make demo` (optional, slow) and cell latency.
#   bash bench/kernel/run.sh          cell latency only
#   COLD=1 bash bench/kernel/run.sh   also a cold `make demo` in a fresh clone
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3)"
if [ "${COLD:-0}" = 1 ]; then
  tmp=$(mktemp -d)
  git clone -q . "$tmp/glassbox"
  start=$(date +%s)
  # A cold Go build cache as a new user has it; the module cache is kept.
  (cd "$tmp/glassbox" && GOCACHE="$tmp/gocache" make demo >"$tmp/demo.log" 2>&1)
  echo "cold make demo (fresh clone, empty Go build cache, venv from PyPI): $(( $(date +%s) - start )) s"
  start=$(date +%s)
  (cd "$tmp/glassbox" && GOCACHE="$tmp/gocache" make demo >"$tmp/demo2.log" 2>&1)
  echo "second make demo (same clone): $(( $(date +%s) - start )) s"
  rm -rf "$tmp"
fi
.venv/bin/python bench/kernel/cell_latency.py -n 5
