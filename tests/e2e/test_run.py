"""`glassbox run` executes a notebook headless through the kernel, with
papermill-style parameters, and fails naming the cell that failed."""
import json
import pathlib
import subprocess

from conftest import ROOT

GLASSBOX = ROOT / "bin" / "glassbox"


def run(*args, cwd=ROOT):
    return subprocess.run([str(GLASSBOX), "run", *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def test_run_quickstart_with_a_parameter(tmp_path):
    out, html = tmp_path / "quickstart.ipynb", tmp_path / "quickstart.html"
    r = run("notebooks/01-quickstart.ipynb", "-p", "seed=7", "--out", str(out), "--html", str(html))
    assert r.returncode == 0, r.stdout + r.stderr
    nb = json.loads(out.read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and "var seed int64 = 7" in "".join(injected[0]["source"])
    printed = "".join(o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"])
                      for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))
    assert "the run's seed: 7" in printed, "the notebook ran with the injected seed"
    assert html.exists() and "Why customer 0 gets P(buys)" in html.read_text()


def test_run_refuses_unknown_parameters():
    r = run("notebooks/01-quickstart.ipynb", "-p", "nope=1")
    assert r.returncode == 1 and '"nope" is not declared' in r.stderr and "seed" in r.stderr


def test_run_names_the_failing_cell(tmp_path):
    nb = {"cells": [
        {"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": [],
         "source": '%%\nfmt.Println("fine")\n'},
        {"cell_type": "code", "execution_count": None, "id": "b", "metadata": {}, "outputs": [],
         "source": '%%\npanic("the data file is missing")\n'},
    ], "metadata": {"kernelspec": {"name": "glassbox", "display_name": "Go (GlassBox)", "language": "go"}},
        "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(nb))
    r = run(str(path), "--out", str(tmp_path / "out.ipynb"), cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "code cell 2" in r.stderr and "the data file is missing" in r.stderr, r.stderr
