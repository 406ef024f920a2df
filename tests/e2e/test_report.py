"""glassbox report end to end: bin/glassbox trains on a hostile table and on
the breast-cancer table, writes the HTML report in English and Chinese, and
headless Chromium opens each from file:// with no network: no console
error, every chart holds an <svg>, the hostile names stay text, the size is
within 3 MB and the breast-cancer report within 10 s. With ECharts in
third_party/echarts (make echarts) the charts are interactive: the only
scripts are those the Content-Security-Policy names by hash, every chart
draws a canvas, and with scripts disabled every chart shows its SVG; with
--static (or without ECharts) there is no script at all. Screenshots go to
out/report/ for a person to look at."""
import base64
import csv
import hashlib
import html.parser
import re
import shutil
import subprocess
import time

import json

import pytest

from conftest import ROOT
from test_board import Browser

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


class Scripts(html.parser.HTMLParser):
    """The raw text of every <script> of a document, with its type, and the
    Content-Security-Policy."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts, self.csp, self._in = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._in = [a.get("type", ""), a.get("src"), ""]
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content")

    def handle_data(self, data):
        if self._in is not None:
            self._in[2] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in is not None:
            self.scripts.append(tuple(self._in))
            self._in = None


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def check_scripts(raw, name):
    """The report's scripts against its policy: nothing loads from anywhere,
    and the inline scripts that run are exactly those named by hash.
    Returns the executable scripts' texts."""
    p = Scripts()
    p.feed(raw.decode())
    assert p.csp, f"{name}: no Content-Security-Policy"
    policy = {d.split()[0]: d.split()[1:] for d in p.csp.split(";") if d.split()}
    assert policy["default-src"] == ["'none'"], f"{name}: {p.csp}"
    assert "'unsafe-inline'" not in policy.get("script-src", []), f"{name}: {p.csp}"
    code = [text for typ, src, text in p.scripts if typ != "application/json"]
    assert all(src is None for _, src, _ in p.scripts), f"{name}: a script with src"
    assert set(policy.get("script-src", [])) == {csp_hash(t) for t in code}, f"{name}: the policy's hashes are not its scripts'"
    return code


def open_in_chromium(path, shot, scripts=True):
    """Renders path headless: returns the DOM and the console lines; saves a
    full-length screenshot. With scripts=False, JavaScript is off."""
    exe = chromium()
    flags = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000",
             "--enable-logging=stderr", "--v=0", "--no-first-run"]
    if not scripts:
        flags.append("--blink-settings=scriptEnabled=false")
    dom = subprocess.run(flags + ["--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=180, check=True)
    console = [l for l in dom.stderr.splitlines() if "CONSOLE" in l or "Refused" in l]
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(flags + ["--window-size=1100,16000", f"--screenshot={shot}", path.as_uri()],
                   capture_output=True, timeout=180, check=True)
    return dom.stdout, console


def check_page(dom, console, path, hostile=False):
    """Checks a rendered report; returns the page. An interactive report
    (ECharts inlined) must have drawn a canvas in every chart."""
    assert not console, f"{path.name}: console messages: {console}"
    page = Page()
    page.feed(dom)
    assert page.charts, f"{path.name}: no chart"
    assert all(n >= 1 for n in page.charts), f"{path.name}: charts without an <svg>: {page.charts}"
    for link in page.links:
        assert link in page.ids, f"{path.name}: link #{link} goes nowhere"
    raw = path.read_bytes()
    code = check_scripts(raw, path.name)
    tags = {t for t, _ in page.tags}
    assert "img" not in tags and "iframe" not in tags, f"{path.name}: active elements {tags}"
    if code:  # interactive: every chart container drew its canvas
        containers = [a for t, a in page.tags if t == "div" and a.get("class") == "gbx-chart"]
        assert len(containers) == len(page.charts), f"{path.name}: {len(containers)} interactive of {len(page.charts)} charts"
        assert all(a.get("data-live") == "1" for a in containers), f"{path.name}: a chart that ECharts did not draw"
        assert dom.count("<canvas") >= len(containers), f"{path.name}: {dom.count('<canvas')} canvases"
    else:
        assert "script" not in tags, f"{path.name}: a script in a static report"
    for tag, attrs in page.tags:
        for k, v in attrs.items():
            assert not k.startswith("on"), f"{path.name}: <{tag} {k}=…>"
            if k in ("href", "src"):
                assert v.startswith("#"), f"{path.name}: <{tag} {k}={v!r}> leaves the document"
    assert len(raw) <= MAX_BYTES, f"{path.name}: {len(raw)} bytes"
    rest = raw
    for text in code:  # the library's own text may name URLs (namespaces); it loads nothing (default-src 'none')
        rest = rest.replace(text.encode(), b"")
    assert not re.search(rb"https?://", rest, re.I), f"{path.name}: a URL"
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
    if b"<script" in out.read_bytes():
        check_devtools(out, tmp_path_factory=tables, lang=lang)


class Recorder(Browser):
    """Browser that records console messages, log entries and every request,
    and can run the page with JavaScript off."""

    def __init__(self, url, profile, scripts=True):
        self.events = []
        super().__init__("about:blank", profile)
        self.call("Network.enable")
        self.call("Log.enable")
        if not scripts:
            self.call("Emulation.setScriptExecutionDisabled", value=True)
        self.goto(url)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("method") in ("Runtime.exceptionThrown", "Runtime.consoleAPICalled", "Log.entryAdded",
                                     "Network.requestWillBeSent"):
                self.events.append(msg)
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]


# Per chart container: whether ECharts drew it, whether its canvas and its
# SVG are displayed.
CHART_STATE = """JSON.stringify([...document.querySelectorAll('.gbx-chart')].map(c => {
  const svg = c.querySelector('.gbx-svg'), ec = c.querySelector('.gbx-echarts');
  return {live: c.hasAttribute('data-live'), canvas: !!ec.querySelector('canvas'),
          svgShown: getComputedStyle(svg).display !== 'none' && svg.getBoundingClientRect().height > 20,
          ecShown: getComputedStyle(ec).display !== 'none'};
}))"""


def check_devtools(path, tmp_path_factory, lang):
    """Opens the interactive report through DevTools: with JavaScript, every
    chart is drawn by ECharts (a canvas shown, the SVG hidden), nothing is
    requested beyond the file and nothing is logged; without JavaScript,
    and in print, every chart shows its SVG."""
    for scripts in (True, False):
        b = Recorder(path.as_uri(), tmp_path_factory / f"profile-{lang}-{scripts}", scripts=scripts)
        try:
            charts = json.loads(b.eval(CHART_STATE))
            b.eval("document.getElementById('global-importance').scrollIntoView(), 0")
            b.screenshot(SHOTS / f"hostile.{lang}.{'live' if scripts else 'noscript'}.png")
            b.call("Emulation.setEmulatedMedia", media="print")
            printed = json.loads(b.eval(CHART_STATE))
        finally:
            b.close()
        # In print, every chart is its SVG (the canvas is hidden).
        assert all(c["svgShown"] and not c["ecShown"] for c in printed), printed
        assert charts, f"{path.name}: no interactive chart"
        if scripts:
            assert all(c["live"] and c["canvas"] and c["ecShown"] and not c["svgShown"] for c in charts), charts
        else:
            assert all(not c["live"] and c["svgShown"] and not c["ecShown"] for c in charts), charts
        requests = [e["params"]["request"]["url"] for e in b.events if e["method"] == "Network.requestWillBeSent"]
        assert requests == [path.as_uri()], f"{path.name}: requests {requests}"
        noise = [e for e in b.events if e["method"] != "Network.requestWillBeSent"]
        assert not noise, f"{path.name}: console or log: {noise}"


def test_static_report(tables):
    """--static: every chart as SVG, no script at all, and nothing said about ECharts."""
    out = tables / "hostile.static.report.html"
    glassbox("report", "--run", tables / "runs" / "hostile", "--data", tables / "hostile.csv", "--out", out, "--static", "--quiet")
    raw = out.read_bytes()
    assert b"<script" not in raw and b"script-src" not in raw and b"echarts" not in raw.lower()
    dom, console = open_in_chromium(out, SHOTS / "hostile.static.png")
    check_page(dom, console, out, hostile=True)


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
