"""Python peer of bench/lime: explains the rows of a case file with lime's
LimeTabularExplainer, library defaults (quartile discretisation, kernel width
0.75*sqrt(M), 5000 samples, Ridge(alpha=1), 'auto' selection, 10 features),
and writes per-row timings (wall and process CPU), kept features, weights and
fidelity (score), and the kept features again with random_state + 1.

usage: lime_peer.py CASE.json OUT.json
"""
import json
import os
import sys
import time
from importlib.metadata import version

import numpy as np
from lime.lime_tabular import LimeTabularExplainer


def main(case_path, out_path):
    with open(case_path) as f:
        case = json.load(f)
    w = np.array(case["weights"])
    b = case["bias"]
    training = np.array(case["training"])
    rows = np.array(case["rows"])

    def predict_proba(X):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        return np.column_stack([1.0 - p, p])

    max_err = float(np.max(np.abs(predict_proba(rows)[:, 1] - np.array(case["probabilities"]))))
    explainer = LimeTabularExplainer(
        training,
        mode="classification",
        feature_names=case["feature_names"],
        random_state=case["seed"],
    )
    res = {"lime_version": version("lime"), "seconds": [], "cpu_seconds": [], "top": [], "weights": [],
           "fidelity": [], "max_predict_error": max_err}
    m = training.shape[1]
    for row in rows:
        start, cpu = time.perf_counter(), time.process_time()
        exp = explainer.explain_instance(row, predict_proba, labels=(1,),
                                         num_samples=case["samples"])
        res["seconds"].append(time.perf_counter() - start)
        res["cpu_seconds"].append(time.process_time() - cpu)
        kept = exp.as_map()[1]  # (feature, weight) by decreasing |weight|
        res["top"].append([int(j) for j, _ in kept])
        weights = [0.0] * m
        for j, v in kept:
            weights[int(j)] = float(v)
        res["weights"].append(weights)
        res["fidelity"].append(float(exp.score[1]) if isinstance(exp.score, dict) else float(exp.score))
    # The noise floor: the same explanations with random_state + 1.
    other = LimeTabularExplainer(training, mode="classification",
                                 feature_names=case["feature_names"],
                                 random_state=case["seed"] + 1)
    res["top_other_seed"] = [
        [int(j) for j, _ in other.explain_instance(row, predict_proba, labels=(1,),
                                                   num_samples=case["samples"]).as_map()[1]]
        for row in rows]
    tmp = out_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(res, f)
    os.replace(tmp, out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
