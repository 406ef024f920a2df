"""Python peer of bench/explain: shap's Exact, Kernel and Permutation
explainers on the functions, background and rows that the Go benchmark
wrote (bench/out/explain_<case>.json), timed, with their errors against
the Go Exact values; then the side-by-side table with the Go results
(bench/out/explain_go.json).

    python bench/explain/shap_peer.py --out bench/out
"""

import argparse
import json
import time
import warnings

import numpy as np
import shap

CASES = ["logreg10", "mlp16"]


def model_fn(m):
    """The Go benchmark's function: sigmoid(w2 . tanh(W1 x + b1) + b2), or
    the logistic regression sigmoid(w2 . x + b2) when W1 is null."""
    W1 = None if m["W1"] is None else np.array(m["W1"])
    b1 = None if m["b1"] is None else np.array(m["b1"])
    w2, b2 = np.array(m["w2"]), m["b2"]

    def f(X):
        X = np.asarray(X, dtype=float)
        h = X if W1 is None else np.tanh(X @ W1.T + b1)
        return 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))

    return f


class Timed:
    """Wraps the model to count the time and the rows spent inside it."""

    def __init__(self, f):
        self.f, self.seconds, self.rows = f, 0.0, 0

    def __call__(self, X):
        start = time.perf_counter()
        y = self.f(X)
        self.seconds += time.perf_counter() - start
        self.rows += len(X)
        return y


def errors(values, exact):
    d = np.abs(np.asarray(values) - exact)
    return float(d.max()), float(d.mean())


def run_case(case, out):
    with open(f"{out}/explain_{case}.json") as fh:
        c = json.load(fh)
    f = Timed(model_fn(c["model"]))
    bg, X, exact = np.array(c["background"]), np.array(c["x"]), np.array(c["exact"])
    M, budget = X.shape[1], c["kernel_budget"]
    # Same function on both sides: f(x) must equal base + sum(exact).
    gap = np.abs(f(X) - (c["base"] + exact.sum(axis=1))).max()
    assert gap < 1e-9, f"{case}: numpy f(x) differs from the Go explanation by {gap}"
    masker = shap.maskers.Independent(bg, max_samples=len(bg))
    results = []

    def timed(method, fn, **extra):
        fn(X[:1])  # warm-up (numba compilation, caches), not timed
        f.seconds, f.rows = 0.0, 0
        start = time.perf_counter()
        vals = fn(X)
        secs = time.perf_counter() - start
        mx, mean = errors(vals, exact)
        results.append(dict(case=case, method=method, seconds=secs, rows=len(X),
                            seconds_in_model=f.seconds, model_rows_per_explanation=f.rows / len(X),
                            max_abs_err=mx, mean_abs_err=mean, **extra))

    exact_explainer = shap.ExactExplainer(f, masker)
    timed("exact", lambda Z: exact_explainer(Z, silent=True).values)
    np.random.seed(1)  # KernelExplainer samples from numpy's global state
    kern = shap.KernelExplainer(f, bg)
    timed("kernel", lambda Z: kern.shap_values(Z, nsamples=budget, l1_reg=False, silent=True),
          budget=budget, variant="l1_reg=False")
    np.random.seed(1)
    timed("kernel", lambda Z: kern.shap_values(Z, nsamples=budget, silent=True),
          budget=budget, variant="default l1_reg (num_features(10))")
    perm = shap.PermutationExplainer(f, masker, seed=1)
    passes = budget // (2 * M + 1)
    timed("permutation", lambda Z: perm(Z, max_evals=budget, silent=True).values,
          budget=2 * passes, variant=f"max_evals={budget}")
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="bench/out")
    ap.add_argument("--cases", default=",".join(CASES))
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    with open(f"{args.out}/explain_go.json") as fh:
        go = json.load(fh)
    py = []
    for case in args.cases.split(","):
        py += run_case(case, args.out)
    with open(f"{args.out}/explain_shap.json", "w") as fh:
        json.dump(py, fh, indent=1)

    def go_run(case, method, workers, budget):
        for r in go:
            if (r["case"], r["method"], r["workers"]) == (case, method, workers) and \
                    (method == "exact" or r["budget"] == budget):
                return r
        raise KeyError((case, method, workers, budget))

    print(f"shap {shap.__version__}, numpy {np.__version__}")
    print("Times in seconds for all rows; 'outside f' is the explainer's own time (total minus time in the model).")
    print("| case | method | budget | shap s | shap outside f | shap rows/expl | shap max err "
          "| Go s 1 worker | Go outside f | Go s 2 workers | Go rows/expl | Go max err "
          "| total ×, 1w | total ×, 2w | outside-f × |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for p in py:
        budget = p.get("budget", 0)
        g1 = go_run(p["case"], p["method"], 1, budget)
        g2 = go_run(p["case"], p["method"], 2, budget)
        name = p["method"] + (f" ({p['variant']})" if "variant" in p else "")
        shap_out = p["seconds"] - p["seconds_in_model"]
        go_out = g1["seconds"] - g1["seconds_in_predict"]
        print(f"| {p['case']} | {name} | {budget or '2^M'} | {p['seconds']:.3f} | {shap_out:.3f} "
              f"| {p['model_rows_per_explanation']:.0f} | {p['max_abs_err']:.2e} "
              f"| {g1['seconds']:.3f} | {go_out:.3f} | {g2['seconds']:.3f} "
              f"| {g1['model_rows_per_explanation']:.0f} | {g2['max_abs_err']:.2e} "
              f"| {p['seconds'] / g1['seconds']:.1f} | {p['seconds'] / g2['seconds']:.1f} "
              f"| {shap_out / go_out:.0f} |")

    print()
    print("Equal or lower error: the cheapest Go run (2 workers) whose max and mean abs error are at most")
    print("shap's (or below 1e-12, rounding), against each sampled shap run.")
    print("| case | shap method | shap s | shap max / mean err | Go method, budget | Go s | Go max / mean err | × |")
    print("|---|---|---|---|---|---|---|---|")
    for p in py:
        if p["method"] == "exact":
            continue
        ok = [r for r in go if r["case"] == p["case"] and r["method"] in ("kernel", "permutation")
              and r["workers"] == 2 and r["max_abs_err"] <= max(p["max_abs_err"], 1e-12)
              and r["mean_abs_err"] <= max(p["mean_abs_err"], 1e-12)]
        name = p["method"] + (f" ({p['variant']})" if "variant" in p else "")
        if not ok:
            print(f"| {p['case']} | {name} | {p['seconds']:.3f} | {p['max_abs_err']:.2e} / {p['mean_abs_err']:.2e} "
                  f"| none as accurate | | | |")
            continue
        g = min(ok, key=lambda r: r["seconds"])
        print(f"| {p['case']} | {name} | {p['seconds']:.3f} | {p['max_abs_err']:.2e} / {p['mean_abs_err']:.2e} "
              f"| {g['method']}, {g['budget']} | {g['seconds']:.3f} | {g['max_abs_err']:.2e} / {g['mean_abs_err']:.2e} "
              f"| {p['seconds'] / g['seconds']:.1f} |")


if __name__ == "__main__":
    main()
