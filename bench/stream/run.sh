#!/usr/bin/env bash
# Long explanation jobs: peak memory and time of `glassbox explain`, which
# explains and writes rows in blocks, on 1,000, 10,000 and 100,000 rows of a
# synthetic 100,000 × 30 table, against the same explanation made the way
# it was before streaming (all rows in one Explain call, then WriteJSON:
# bench/stream -whole). Permutation SHAP with 2 permutations per row and a
# 10-row k-means background keeps 100,000 rows to a minute or two; the
# model is the reference network trained by `glassbox train` (ml.Train) on
# 5,000 rows of the same generator. Each run is its own process under
# /usr/bin/time (wall seconds, peak RSS).
#   bash bench/stream/run.sh            ROWS="1000 10000" bash bench/stream/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-"1000 10000 100000"}
O=bench/out/stream
mkdir -p "$O"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
go build -tags=noxla -o "$O/glassbox" ./cmd/glassbox
go build -tags=noxla -o "$O/stream" ./bench/stream
[ -f "$O/train.csv" ] || "$O/stream" -gen "$O/train.csv" -rows 5000
[ -f "$O/table.csv" ] || "$O/stream" -gen "$O/table.csv" -rows 100000
[ -d "$O/run" ] || "$O/glassbox" train --data "$O/train.csv" --target y --out "$O/run" --seed 1 --quiet --backend go >/dev/null
common=(--run "$O/run" --data "$O/table.csv" --method permutation --samples 2 --background 10)
measure() { # label rows output command…: one line of the table
	local label=$1 rows=$2 out=$3
	shift 3
	/usr/bin/time -f "%e %M" -o "$O/time.txt" "$@" >/dev/null
	read -r wall kb <"$O/time.txt"
	awk -v l="$label" -v r="$rows" -v o="${out##*.}" -v w="$wall" -v kb="$kb" -v b="$(stat -c %s "$out")" \
		'BEGIN { printf "| %s | %d | %s | %.1f | %.0f | %.1f |\n", l, r, o, w, kb / 1024, b / 1e6 }'
}
echo
echo "| run | rows | output | wall s | peak RSS MiB | file MB |"
echo "|---|---:|---|---:|---:|---:|"
for rows in $ROWS; do
	for ext in csv json; do
		measure "glassbox explain (streamed)" "$rows" "$O/why-$rows.$ext" \
			"$O/glassbox" explain "${common[@]}" --rows "$rows" --out "$O/why-$rows.$ext" --quiet
	done
	measure "one Explain call + WriteJSON" "$rows" "$O/whole-$rows.json" \
		"$O/stream" -whole -run "$O/run" -data "$O/table.csv" -rows "$rows" -samples 2 -background 10 -out "$O/whole-$rows.json"
	cmp -s "$O/why-$rows.json" "$O/whole-$rows.json" || echo "!! $rows rows: the streamed JSON differs from the one-call JSON"
done
echo
echo "(the streamed and one-call JSON files are byte-identical unless a line above says otherwise)"
