"""scikit-learn peer of bench/predict: the same networks, weights and rows.

For each network written by the Go program, an MLPClassifier of the same
shape (relu hidden layers; logistic output for two classes, softmax for
more) is set up by one tiny fit and then given GlassBox's weights as float32
arrays, so predict_proba runs OpenBLAS's single-precision GEMM, like the Go
side's float32 kernels. The script first checks that both compute the same
function (largest difference on 1,000 rows), then times predict_proba on
10,000 and 100,000 rows: the best of three timings of at least one second.

    python bench/predict/sklearn_peer.py bench/out/predict
"""

import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def main():
    d = sys.argv[1]
    meta = json.load(open(f"{d}/glassbox.json"))
    out = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__, "results": [], "max_abs_diff": {}}
    try:
        from threadpoolctl import threadpool_info
        out["blas"] = [{k: i.get(k) for k in ("internal_api", "num_threads", "architecture")} for i in threadpool_info()]
    except ImportError:
        pass
    for net in meta["networks"]:
        name, nin, classes = net["name"], net["inputs"], net["classes"]
        X = np.fromfile(f"{d}/{name}.x.f32", dtype=np.float32).reshape(-1, nin)
        P = np.fromfile(f"{d}/{name}.p.f32", dtype=np.float32)
        clf = MLPClassifier(hidden_layer_sizes=tuple(net["hidden"]), activation="relu", max_iter=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(X[:50], np.arange(50) % classes)
        ws = net["weights"]
        clf.coefs_ = [np.asarray(w["kernel"], dtype=np.float32).reshape(w["inputs"], w["units"]) for w in ws]
        clf.intercepts_ = [np.asarray(w["bias"], dtype=np.float32) for w in ws]
        got = clf.predict_proba(X[:1000])
        got = got[:, 1] if classes == 2 else got.ravel()
        out["max_abs_diff"][name] = float(np.max(np.abs(got - P)))
        for rows in (10_000, 100_000):
            Xr = X[:rows]
            clf.predict_proba(Xr)
            best = 0.0
            for _ in range(3):
                n, start = 0, time.perf_counter()
                while time.perf_counter() - start < 1.0:
                    clf.predict_proba(Xr)
                    n += rows
                best = max(best, n / (time.perf_counter() - start))
            out["results"].append({"name": name, "rows": rows, "rows_per_sec": best})
            print(f"sklearn  {name:14} {rows:7d} rows: {best:12.0f} rows/s", file=sys.stderr)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
