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
