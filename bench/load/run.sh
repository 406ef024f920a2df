#!/usr/bin/env bash
# Loading benchmark: GlassBox (data.ReadFile + data.Summarize) vs pandas
# (read_csv + describe(include="all")) on the same seeded 1,000,000 × 20 CSV
# (14 numeric, 6 categorical columns, ~140 MB), in one run. Each side runs as
# its own process under /usr/bin/time (wall seconds, peak RSS); each also
# reports its own load/summary split and getrusage peak.
#   bash bench/load/run.sh            ROWS=200000 bash bench/load/run.sh
# The table is generated once into bench/out/load_<rows>.csv.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}
mkdir -p bench/out
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(go version | cut -d' ' -f3)"
go build -o bench/out/load_go ./bench/load
csv=bench/out/load_${ROWS}.csv
if [ ! -f "$csv" ]; then bench/out/load_go -gen "$csv" -rows "$ROWS"; fi
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -f "%e %M" -o bench/out/load_time.txt); fi
"${timer[@]}" bench/out/load_go -csv "$csv" >bench/out/load_go.json
go_time=$(cat bench/out/load_time.txt 2>/dev/null || echo "")
"${timer[@]}" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/.venv/bin/python bench/load/pandas_peer.py "$csv" >bench/out/load_pandas.json
pd_time=$(cat bench/out/load_time.txt 2>/dev/null || echo "")
bench/.venv/bin/python - "$csv" "$go_time" "$pd_time" <<'PY'
import json, os, sys
path, go_time, pd_time = sys.argv[1:4]
size = os.path.getsize(path)
g = json.load(open("bench/out/load_go.json"))
p = json.load(open("bench/out/load_pandas.json"))
def process(t, own):
    if t:  # /usr/bin/time: wall seconds of the whole process, peak RSS in KB
        wall, kb = t.split()
        return float(wall), int(kb) * 1024
    return float("nan"), own["peak_rss_bytes"]
gw, grss = process(go_time, g)
pw, prss = process(pd_time, p)
print(f"file: {path}, {size/1e6:.1f} MB, {g['rows']:,} rows × {g['columns']} columns")
print(f"{'':18} {'load s':>8} {'summary s':>10} {'load+summary s':>15} {'process s':>10} {'peak RSS MB':>12} {'RSS/file':>9}")
for name, r, wall, rss in (("glassbox " + g["go_version"], g, gw, grss), ("pandas " + p["pandas_version"], p, pw, prss)):
    print(f"{name:18} {r['load_seconds']:8.2f} {r['summarize_seconds']:10.2f} {r['total_seconds']:15.2f} {wall:10.2f} {rss/1e6:12.0f} {rss/size:9.2f}")
print(f"ratios glassbox/pandas: load {g['load_seconds']/p['load_seconds']:.2f}, summary {g['summarize_seconds']/p['summarize_seconds']:.2f}, "
      f"load+summary {g['total_seconds']/p['total_seconds']:.2f}, peak RSS {grss/prss:.2f}")
print(f"glassbox live heap after load (after a GC): {g['live_heap_after_load_bytes']/1e6:.0f} MB")
PY
