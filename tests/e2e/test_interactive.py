"""Interactive charts in a live kernel: the first chart of a kernel session
carries the ECharts library and later charts (other cells, other processes)
only use it; after a kernel restart the next chart carries it again. Every
chart is text/html holding its SVG and option, and image/svg+xml too.
Skipped without third_party/echarts (make echarts)."""
import time

import pytest

from conftest import ROOT

LIBRARY = ROOT / "third_party" / "echarts" / "echarts.min.js"

CHART = """import (
    "github.com/glassbox-ml/glassbox/kernel"
    "github.com/glassbox-ml/glassbox/reports"
)

%%
y := []float64{0, 0, 1, 1, 0, 1, 1, 0, 1, 0}
p := [][]float64{{.1}, {.4}, {.35}, {.8}, {.2}, {.9}, {.6}, {.55}, {.7}, {.3}}
kernel.Show(reports.ROC(y, p))
"""


def charts(cell):
    assert cell.status == "ok", cell.all_text
    shown = [m["content"]["data"] for m in cell.of_type("display_data")]
    assert shown, cell.all_text
    for d in shown:
        assert "gbx-chart" in d["text/html"] and "<svg" in d["text/html"] and d["image/svg+xml"].startswith("<svg")
        assert '<script type="application/json">' in d["text/html"]
    return [d["text/html"] for d in shown]


def carries(html, lib):
    return lib[:4096] in html


def test_library_once_per_kernel_session(session):
    if not LIBRARY.exists():
        pytest.skip("no third_party/echarts (make echarts)")
    lib = LIBRARY.read_text()
    first = charts(session.run(CHART))
    second = charts(session.run(CHART))
    assert carries(first[0], lib) and first[0].startswith("<script>"), "the first chart does not inline ECharts"
    assert not carries(second[0], lib), "a later cell inlines ECharts again"
    session.km.restart_kernel(now=True)
    time.sleep(1)
    session.drain()
    again = charts(session.run(CHART))
    assert carries(again[0], lib), "after a restart the first chart does not inline ECharts"


TRAIN = """import (
    "github.com/glassbox-ml/glassbox/ml"
    "github.com/glassbox-ml/glassbox/ml/data"
    "github.com/glassbox-ml/glassbox/ml/datasets"
    "github.com/glassbox-ml/glassbox/reports"
)

%%
f, err := datasets.Customers(300, 1)
if err != nil {
    panic(err)
}
_, err = ml.Train(f, "buys", ml.TrainOptions{Seed: 1, Epochs: 3, Backend: "go", Progress: reports.Training(),
    Preprocessing: data.Options{Columns: datasets.CustomerNumericColumns}})
if err != nil {
    panic(err)
}
"""


def test_training_view_ends_interactive(session):
    """The live training view is SVG while it grows; its final state is the
    interactive chart."""
    if not LIBRARY.exists():
        pytest.skip("no third_party/echarts (make echarts)")
    cell = session.run(TRAIN)
    assert cell.status == "ok", cell.all_text
    updates = [m["content"]["data"].get("text/html", "") for m in cell.of_type("display_data", "update_display_data")]
    assert updates, cell.all_text
    assert all("gbx-chart" not in h for h in updates[:-1]), "an interactive chart before training ended"
    assert "gbx-chart" in updates[-1] and "<svg" in updates[-1], updates[-1][:300]
