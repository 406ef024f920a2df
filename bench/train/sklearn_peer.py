"""scikit-learn peer of bench/train: the same MLP on the same rows.

MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="adam",
learning_rate_init=0.001, batch_size=32, max_iter=10) is the reference
Dense(64, relu) -> Dense(1, sigmoid) with binary cross-entropy (log-loss),
trained for 10 epochs. tol=0 and n_iter_no_change=max_iter keep it from
stopping early; alpha=0 drops scikit-learn's default L2 penalty, which the
Go side does not have. Prints JSON like the Go program.

    python bench/train/sklearn_peer.py bench/out/train_data.csv --epochs 10 --batch 32
"""

import argparse
import json
import os
import platform
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    raw = np.loadtxt(args.csv, delimiter=",", skiprows=1)
    X, y = raw[:, :-1].astype(np.float32), raw[:, -1].astype(int)
    clf = MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="adam",
                        learning_rate_init=0.001, batch_size=args.batch, max_iter=args.epochs,
                        alpha=0.0, tol=0.0, n_iter_no_change=args.epochs, shuffle=True,
                        random_state=args.seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        clf.fit(X, y)
        train_seconds = time.perf_counter() - start

    clf.predict_proba(X)
    predicted, pstart = 0, time.perf_counter()
    while time.perf_counter() - pstart < 1.0:
        clf.predict_proba(X)
        predicted += len(X)
    rate = predicted / (time.perf_counter() - pstart)

    print(json.dumps({
        "peer": "scikit-learn MLPClassifier",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python": platform.python_version(),
        "rows": int(X.shape[0]),
        "features": int(X.shape[1]),
        "epochs": int(clf.n_iter_),
        "batch": args.batch,
        "train_seconds": train_seconds,
        "predict_rows_per_sec": rate,
        "train_accuracy": float(clf.score(X, y)),
        "final_loss": float(clf.loss_),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS", ""),
    }, indent=2))


if __name__ == "__main__":
    main()
