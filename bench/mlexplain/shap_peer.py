"""shap peer of bench/mlexplain: the same network, background, rows and budgets.

Rebuilds GlassBox's trained breast-cancer network from its weights as a
numpy float32 function, f(X) = sigmoid(relu(X W1 + b1) W2 + b2), checks it
against GlassBox's predictions, then times shap's KernelExplainer (nsamples =
the Kernel budget; l1_reg=False, the same least squares as GlassBox, and
shap's default l1_reg) and PermutationExplainer (maskers.Independent with the
same 20 background rows, max_evals = passes x (2M+1)) on the rows. Errors are
against the case's reference values, the same as for the Go side, averaged
over seeds 1..5 (the timed run is seed 1).

    python bench/mlexplain/shap_peer.py bench/out/mlexplain
"""

import json
import sys
import time
import warnings

import numpy as np
import shap


def network(weights):
    layers = [(np.asarray(w["kernel"], dtype=np.float32).reshape(w["inputs"], w["units"]),
               np.asarray(w["bias"], dtype=np.float32)) for w in weights]

    def f(X):
        h = np.asarray(X, dtype=np.float32)
        for i, (W, b) in enumerate(layers):
            h = h @ W + b
            if i < len(layers) - 1:
                h = np.maximum(h, 0)
        return (1 / (1 + np.exp(-h[:, 0]))).astype(np.float64)

    return f


def errors(values, reference):
    d = np.abs(np.asarray(values) - reference)
    return float(d.max()), float(d.mean())


def main():
    d = sys.argv[1]
    case = json.load(open(f"{d}/case.json"))
    f = network(case["weights"])
    bg = np.asarray(case["background"])
    X = np.asarray(case["rows"])
    ref = np.asarray(case["reference"])
    M = X.shape[1]
    out = {"shap_version": shap.__version__, "numpy_version": np.__version__,
           "max_abs_prediction_diff": float(np.max(np.abs(f(X) - np.asarray(case["predictions"])))),
           "results": []}
    print(f"numpy network vs GlassBox predictions: max |diff| {out['max_abs_prediction_diff']:.1e}", file=sys.stderr)

    def timed(method, variant, fn):
        fn(X[:1], 1)  # warm-up (numba compilation)
        start = time.perf_counter()
        values = fn(X, 1)
        seconds = time.perf_counter() - start
        # Errors: the mean over seeds 1..5 of each run's max and mean |phi - ref|, as on the Go side.
        runs = [errors(values, ref)] + [errors(fn(X, seed), ref) for seed in range(2, 6)]
        mx, mean = float(np.mean([r[0] for r in runs])), float(np.mean([r[1] for r in runs]))
        out["results"].append({"method": method, "variant": variant, "seconds": seconds,
                               "per_row_ms": 1000 * seconds / len(X), "max_error": mx, "mean_error": mean})
        print(f"shap {method:12} {variant:28} {seconds:8.3f} s, {1000 * seconds / len(X):8.2f} ms/row, "
              f"max/mean error {mx:.2e} / {mean:.2e}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kern = shap.KernelExplainer(f, bg)

        def kernel(l1_reg):
            def run(Z, seed):
                np.random.seed(seed)  # KernelExplainer samples from numpy's global state
                return kern.shap_values(Z, nsamples=case["budget"], l1_reg=l1_reg, silent=True)
            return run

        timed("kernel", "l1_reg=False", kernel(False))
        timed("kernel", "default l1_reg", kernel("num_features(10)"))
        masker = shap.maskers.Independent(bg, max_samples=len(bg))
        evals = case["passes"] * (2 * M + 1)
        timed("permutation", f"max_evals={evals}",
              lambda Z, seed: shap.PermutationExplainer(f, masker, seed=seed)(Z, max_evals=evals, silent=True).values)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
