"""Cell latency of the GlassBox kernel, measured through jupyter_client.

For a plain cell and for a cell importing GoMLX and GlassBox's packages, it
times the first execution (cold: the cell's program is built for the first
time in this kernel) and then N warm executions of cells that differ only in
a constant (so Go's build cache holds every dependency, as when an analyst
edits and re-runs a cell). Prints a Markdown table.

Usage: .venv/bin/python bench/kernel/cell_latency.py [-n 5]
"""
import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel

CELLS = {
    "plain cell (fmt)": '%%\nfmt.Println("x", {i})',
    "gomlx + glassbox packages": (
        'import (\n'
        '  "github.com/gomlx/gomlx/core/graph"\n'
        '  "github.com/gomlx/gomlx/ml/model"\n'
        '  _ "github.com/gomlx/gomlx/backends/default"\n'
        '  "github.com/glassbox-ml/glassbox/kernel"\n'
        '  "github.com/glassbox-ml/glassbox/explain"\n'
        '  "github.com/glassbox-ml/glassbox/ml"\n'
        ')\n%%\n'
        'var n *graph.Node\n_ = model.NewExecCanonical\n_ = explain.ModelFunc(nil)\n_ = ml.Load\n'
        'kernel.HTML(fmt.Sprint(n == nil, {i}), "ok")'
    ),
}


def run(kc, code):
    t = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=900, output_hook=lambda m: None)
    dt = time.perf_counter() - t
    if reply["content"]["status"] != "ok":
        raise SystemExit(f"cell failed: {reply['content']}")
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=5, help="warm repetitions")
    args = ap.parse_args()
    t = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="glassbox", startup_timeout=120)
    start = time.perf_counter() - t
    print(f"kernel start: {start:.2f} s\n")
    print("| cell | first run (s) | warm median (s) | warm min–max (s) |")
    print("|---|---|---|---|")
    try:
        for name, code in CELLS.items():
            first = run(kc, code.replace("{i}", "0"))
            warm = [run(kc, code.replace("{i}", str(i + 1))) for i in range(args.n)]
            print(f"| {name} | {first:.2f} | {statistics.median(warm):.2f} | {min(warm):.2f}–{max(warm):.2f} |")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
