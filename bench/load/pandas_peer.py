"""pandas peer of bench/load: read_csv then describe(include="all") on the
same file, timed, with the process's peak resident memory. Prints JSON."""
import json
import resource
import sys
import time

import pandas as pd


def main(path):
    start = time.perf_counter()
    df = pd.read_csv(path)
    loaded = time.perf_counter()
    summary = df.describe(include="all")
    end = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    print(json.dumps({
        "file": path,
        "rows": len(df),
        "columns": df.shape[1],
        "summary_columns": summary.shape[1],
        "load_seconds": loaded - start,
        "summarize_seconds": end - loaded,
        "total_seconds": (loaded - start) + (end - loaded),
        "peak_rss_bytes": peak,
        "pandas_version": pd.__version__,
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
