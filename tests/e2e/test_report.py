"""glassbox report end to end: bin/glassbox trains on a hostile table and on
the breast-cancer table, writes the HTML report in English and Chinese, and
headless Chromium opens each from file:// with no network: no console
error, every chart holds an <svg>, the hostile names stay text, the size is
within 3 MB and the breast-cancer report within 10 s. Screenshots go to
out/report/ for a person to look at."""
import csv
import html.parser
import re
import shutil
import subprocess
import time

import pytest

from conftest import ROOT

GLASSBOX = ROOT / "bin" / "glassbox"
SHOTS = ROOT / "out" / "report"
HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", "say \"hi\" & 'bye'", "C&D"]
MAX_BYTES = 3 * 1024 * 1024
MAX_SECONDS = 10.0


def glassbox(*args, timeout=600):
    return subprocess.run([str(GLASSBOX), *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=True)


class Page(html.parser.HTMLParser):
    """The elements of a rendered page that the checks need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.text = [], [], []
        self.charts = []  # per <figure class="chart">: the number of <svg> inside
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "figure" and "chart" in a.get("class", "").split():
            self.charts.append(0)
            self.stack.append("chart")
        elif tag not in ("meta", "br", "hr", "img", "input", "link", "rect", "circle", "line", "path", "polyline",
                         "polygon", "stop"):
            self.stack.append(tag)
        if tag == "svg" and "chart" in self.stack:
            self.charts[-1] += 1

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        want = "chart" if tag == "figure" else tag
        if want in self.stack:
            while self.stack and self.stack.pop() != want:
                pass

    def handle_data(self, data):
        self.text.append(data)


def chromium():
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium not installed (.ci/run installs it)")
    return exe


def open_in_chromium(path, shot):
    """Renders path headless: returns the DOM and the console lines; saves a
    full-length screenshot."""
    exe = chromium()
    flags = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000",
             "--enable-logging=stderr", "--v=0", "--no-first-run"]
    dom = subprocess.run(flags + ["--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=180, check=True)
    console = [l for l in dom.stderr.splitlines() if "CONSOLE" in l or "Refused" in l]
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(flags + ["--window-size=1100,16000", f"--screenshot={shot}", path.as_uri()],
                   capture_output=True, timeout=180, check=True)
    return dom.stdout, console


def check_page(dom, console, path, hostile=False):
    assert not console, f"{path.name}: console messages: {console}"
    page = Page()
    page.feed(dom)
    assert page.charts, f"{path.name}: no chart"
    assert all(n >= 1 for n in page.charts), f"{path.name}: charts without an <svg>: {page.charts}"
    for link in page.links:
        assert link in page.ids, f"{path.name}: link #{link} goes nowhere"
    tags = {t for t, _ in page.tags}
    assert "script" not in tags and "img" not in tags and "iframe" not in tags, f"{path.name}: active elements {tags}"
    for tag, attrs in page.tags:
        for k, v in attrs.items():
            assert not k.startswith("on"), f"{path.name}: <{tag} {k}=…>"
            if k in ("href", "src"):
                assert v.startswith("#"), f"{path.name}: <{tag} {k}={v!r}> leaves the document"
    raw = path.read_bytes()
    assert len(raw) <= MAX_BYTES, f"{path.name}: {len(raw)} bytes"
    assert not re.search(rb"https?://|<script", raw, re.I), f"{path.name}: a URL or a script"
    text = "".join(page.text)
    if hostile:
        for s in HOSTILE:
            assert s in text, f"{path.name}: {s!r} is not shown as text"
    return page


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    subprocess.run(["go", "build", "-o", "bin/", "./cmd/glassbox"], cwd=ROOT, check=True)
    tmp = tmp_path_factory.mktemp("report")
    hostile = tmp / "hostile.csv"
    with hostile.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HOSTILE[:3] + ["y"])
        for i in range(300):
            a, b = i % 17 - 8, (i * 7) % 13 - 6
            w.writerow([a, b, HOSTILE[i % 4], "yes" if a + 0.5 * b + i % 4 > 1 else "no"])
    glassbox("train", "--data", hostile, "--target", "y", "--out", tmp / "runs" / "hostile", "--epochs", "5", "--seed", "1")
    bc = tmp / "breast_cancer.csv"
    glassbox("report", "data", "--name", "breast-cancer", "--out", bc)
    glassbox("train", "--data", bc, "--target", "target", "--out", tmp / "runs" / "bc", "--seed", "1")
    return tmp


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_report(tables, lang):
    out = tables / f"hostile.{lang}.report.html"
    glassbox("report", "--run", tables / "runs" / "hostile", "--data", tables / "hostile.csv", "--out", out,
             "--lang", lang, "--title", HOSTILE[1])
    dom, console = open_in_chromium(out, SHOTS / f"hostile.{lang}.png")
    page = check_page(dom, console, out, hostile=True)
    assert HOSTILE[1] in "".join(page.text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_breast_cancer_report(tables, lang):
    out = tables / f"bc.{lang}.report.html"
    start = time.monotonic()
    res = glassbox("report", "--run", tables / "runs" / "bc", "--data", tables / "breast_cancer.csv", "--out", out,
                   "--lang", lang, "--seed", "1")
    took = time.monotonic() - start
    print(f"breast-cancer report ({lang}): {took:.1f} s, {out.stat().st_size} bytes")
    # A bar redrawn in place on a terminal; in a log (here), a line per quarter.
    assert "report: 100% (" in res.stderr and "report: 25% (" in res.stderr, "no progress: " + res.stderr
    assert took <= MAX_SECONDS, f"breast-cancer report took {took:.1f} s"
    dom, console = open_in_chromium(out, SHOTS / f"breast-cancer.{lang}.png")
    page = check_page(dom, console, out)
    assert len(page.charts) >= 10
    heading = "模型卡片" if lang == "zh" else "Model card"
    assert heading in "".join(page.text)
    # Deterministic: the same command gives the same bytes.
    again = tables / f"bc.{lang}.again.html"
    glassbox("report", "--run", tables / "runs" / "bc", "--data", tables / "breast_cancer.csv", "--out", again,
             "--lang", lang, "--seed", "1", "--quiet")
    assert again.read_bytes() == out.read_bytes()


def test_thousand_rows_size(tables):
    """1,000 explained rows × 30 features stay within 3 MB."""
    rows = list(csv.reader((tables / "breast_cancer.csv").open()))
    big = tables / "bc1000.csv"
    with big.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(rows[0])
        w.writerows(rows[1:] + rows[1:])
    out = tables / "bc1000.report.html"
    glassbox("report", "--run", tables / "runs" / "bc", "--data", big, "--out", out, "--max-rows", "1000",
             "--samples", "256", "--quiet")
    size = out.stat().st_size
    print(f"1,000 rows × 30 features: {size} bytes")
    assert size <= MAX_BYTES
