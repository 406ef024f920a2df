#!/usr/bin/env bash
# XLA-on-CPU test lane, part of `make test` (a test-only dependency).
# It installs XLA's CPU PJRT plugin from PyPI (lammps-jax-pjrt-cpu==0.11.2,
# built from jaxlib 0.11.2's XLA; the wheel is the plugin alone, so
# --no-deps) into a scratch venv, builds package ml WITH XLA (cgo, no noxla
# tag) and runs its tests on both backends (TestXLAMatchesGoBackend compares
# them). Users get their plugin from go-xla's installer (`glassbox xla
# install`); this wheel only lets CI exercise XLA without GitHub downloads.
#   bash tests/xla_cpu_lane.sh          (XLA_VENV=.venv-xla by default)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${XLA_VENV:-.venv-xla}
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps lammps-jax-pjrt-cpu==0.11.2
PLUGIN=$("$VENV/bin/python" -c 'import lammps_jax_pjrt_cpu as p; print(p.PLUGIN_PATH)')
echo "XLA CPU plugin: $PLUGIN"
export GOMLX_NO_AUTO_INSTALL=1 GLASSBOX_XLA_PLUGIN="$PLUGIN"
go test -count=1 ./ml/ "$@"
