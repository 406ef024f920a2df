"""The Kubernetes recipe in deploy/kubernetes/explain-shards.yaml, run
locally: its pod command for every JOB_COMPLETION_INDEX, then the merge,
gives byte for byte the file of one unsharded run."""
import os
import re
import subprocess

import yaml

from conftest import ROOT


def test_indexed_job_recipe_merges_to_the_unsharded_file(tmp_path):
    docs = list(yaml.safe_load_all((ROOT / "deploy/kubernetes/explain-shards.yaml").read_text()))
    job = docs[0]
    shards = job["spec"]["completions"]
    command = job["spec"]["template"]["spec"]["containers"][0]["args"][0]
    data = tmp_path / "data"
    (data / "parts").mkdir(parents=True)
    # A small table and run stand in for the volume's /data.
    table = data / "customers.csv"
    lines = ["age,income,member,buys"]
    for i in range(240):
        lines.append(f"{20 + i % 50},{30000 + 137 * i % 50000},{'yes' if i % 3 else 'no'},{1 if (i * 7) % 5 > 1 else 0}")
    table.write_text("\n".join(lines) + "\n")
    glassbox = str(ROOT / "bin" / "glassbox")
    subprocess.run([glassbox, "train", "--data", str(table), "--target", "buys", "--out", str(data / "runs/buys"),
                    "--epochs", "2", "--backend", "go", "--quiet"], check=True, capture_output=True)
    local = command.replace("/data", str(data)).replace("bin/glassbox", glassbox).replace("--rows 1000", "--rows 60")
    for index in range(shards):
        r = subprocess.run(["sh", "-c", local], env={**os.environ, "JOB_COMPLETION_INDEX": str(index)},
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    parts = sorted(str(p) for p in (data / "parts").glob("part-*.json"))
    assert len(parts) == shards
    merged = tmp_path / "merged.json"
    subprocess.run([glassbox, "explain", "merge", "--out", str(merged), *parts], check=True, capture_output=True)
    whole = tmp_path / "whole.json"
    unsharded = re.sub(r"--shard \S+ --out \S+", f"--out {whole}", local)
    subprocess.run(["sh", "-c", unsharded], check=True, capture_output=True)
    assert merged.read_bytes() == whole.read_bytes()
