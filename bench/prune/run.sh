#!/usr/bin/env bash
# Magnitude pruning (FAQ Q1: can I make my model smaller or faster?): the
# reference network trained once on the customer data and on breast cancer,
# pruned to 0 … 95 % sparsity with and without two fine-tuning epochs;
# held-out accuracy and AUC, and prediction speed on the go backend.
#   bash bench/prune/run.sh [-rows 20000] [-seed 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
export GOMLX_NO_AUTO_INSTALL=1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
go run -tags=noxla ./bench/prune "$@"
