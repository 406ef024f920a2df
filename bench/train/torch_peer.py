"""PyTorch peer of bench/train, for the GPU machine (PyTorch is not a
dependency of this project; the GPU lender's image ships it).

The reference MLP — Linear(10, 64) → ReLU → Linear(64, 1) → sigmoid — with
binary cross-entropy and Adam(lr=0.001), 10 epochs of shuffled batches of
32 over the rows bench/train wrote with -csv, on the chosen device. Prints
JSON like the Go program.

    python3 bench/train/torch_peer.py bench/out/train_data.csv --device cuda
"""

import argparse
import json
import time

import numpy as np
import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    dev = torch.device(args.device)

    raw = np.loadtxt(args.csv, delimiter=",", skiprows=1, dtype=np.float32)
    X = torch.from_numpy(raw[:, :-1]).to(dev)
    y = torch.from_numpy(raw[:, -1:]).to(dev)
    model = torch.nn.Sequential(torch.nn.Linear(X.shape[1], 64), torch.nn.ReLU(), torch.nn.Linear(64, 1)).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize()

    sync()
    start = time.perf_counter()
    epoch_ends = []
    n = X.shape[0]
    for _ in range(args.epochs):
        perm = torch.randperm(n, device=dev)
        for i in range(0, n, args.batch):
            idx = perm[i:i + args.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
        sync()
        epoch_ends.append(time.perf_counter() - start)
    train_seconds = time.perf_counter() - start

    with torch.no_grad():
        logits = model(X)
        final_loss = float(loss_fn(logits, y))
        acc = float(((logits > 0).float() == y).float().mean())
        sync()
        predicted, pstart = 0, time.perf_counter()
        while time.perf_counter() - pstart < 1.0:
            torch.sigmoid(model(X))
            sync()
            predicted += n
        rate = predicted / (time.perf_counter() - pstart)

    print(json.dumps({
        "peer": "PyTorch " + torch.__version__,
        "device": torch.cuda.get_device_name(0) if dev.type == "cuda" else "cpu",
        "rows": n, "features": int(X.shape[1]), "epochs": args.epochs, "batch": args.batch,
        "train_seconds": train_seconds, "epoch_end_seconds": epoch_ends,
        "predict_rows_per_sec": rate, "train_accuracy": acc, "final_loss": final_loss,
    }, indent=2))


if __name__ == "__main__":
    main()
