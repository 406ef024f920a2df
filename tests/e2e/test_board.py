"""glassbox board end to end: a run trained by bin/glassbox, a run being
written (simulated: scalars.jsonl lines streamed into .b.new-1234/ as the
writer does), a malformed run; the board in headless Chromium, driven through
the DevTools protocol. Screenshots go to out/board/ for a person to look at."""
import base64
import json
import random
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import websocket  # websocket-client, a dependency of jupyter_server

from conftest import ROOT

GLASSBOX = ROOT / "bin" / "glassbox"
ECHARTS = ROOT / "third_party" / "echarts" / "echarts.min.js"
SHOTS = ROOT / "out" / "board"
HOSTILE = "<img src=x onerror=alert(1)>"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def raw_get(port, path):
    """GET with the path sent exactly as written (urllib would clean it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.decode(errors="replace").partition("\r\n\r\n")
    return int(head.split()[1]), body


class Browser:
    """Headless Chromium on one page, through the DevTools protocol."""

    def __init__(self, url, profile):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if exe is None:
            pytest.skip("chromium not installed (.ci/run installs it)")
        port = free_port()
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000",
             f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while True:
            try:
                status, body = http_get(f"http://127.0.0.1:{port}/json/list")
                pages = [p for p in json.loads(body) if p["type"] == "page"]
                if pages:
                    break
            except (OSError, ValueError):
                pass
            if time.time() > deadline:
                raise RuntimeError("chromium's DevTools did not come up")
            time.sleep(0.2)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.errors = []
        self.goto(url)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("method") == "Runtime.exceptionThrown":
                self.errors.append(msg["params"]["exceptionDetails"])
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]

    def goto(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait_for(self, expr, timeout=20):
        deadline = time.time() + timeout
        while not self.eval(f"!!({expr})"):
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {expr}")
            time.sleep(0.2)

    def screenshot(self, path):
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        assert path.stat().st_size > 10_000, f"{path} looks blank"

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=20)


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    if not GLASSBOX.exists():
        subprocess.run(["go", "build", "-o", "bin/", "./cmd/glassbox"], cwd=ROOT, check=True)
    assert ECHARTS.exists(), "ECharts missing: run `make echarts` (make test does)"
    tmp = tmp_path_factory.mktemp("board")
    rng = random.Random(1)
    rows = ["x1,x2,colour,y"]
    for _ in range(200):
        a, b = rng.gauss(0, 1), rng.gauss(0, 1)
        rows.append(f"{a:.3f},{b:.3f},{rng.choice('rgb')},{int(a + 0.5 * b + rng.gauss(0, 0.5) > 0)}")
    csv = tmp / "data.csv"
    csv.write_text("\n".join(rows) + "\n")
    logdir = tmp / "logs"
    subprocess.run([str(GLASSBOX), "train", "--data", str(csv), "--target", "y", "--out", str(logdir / "a"),
                    "--epochs", "3", "--backend", "go", "--quiet"], check=True, capture_output=True, timeout=600)
    subprocess.run([str(GLASSBOX), "explain", "--run", str(logdir / "a"), "--data", str(csv), "--rows", "8",
                    "--method", "permutation", "--out", str(logdir / "a" / "why.json")], check=True, capture_output=True, timeout=600)
    (logdir / "a" / "report.html").write_text("<!DOCTYPE html><title>report</title><p>The report of run a.</p>")
    (logdir / "bad").mkdir()
    (logdir / "bad" / "config.json").write_text('{"format": 1, "layers": [')
    (logdir / HOSTILE).mkdir()
    shutil.copy(logdir / "a" / "config.json", logdir / HOSTILE / "config.json")
    shutil.copy(logdir / "a" / "scalars.jsonl", logdir / HOSTILE / "scalars.jsonl")
    port = free_port()
    proc = subprocess.Popen([str(GLASSBOX), "board", "--logdir", str(logdir), "--addr", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert f"http://127.0.0.1:{port}/" in line, line + proc.stderr.read()
    try:
        yield logdir, port, tmp
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class Writer:
    """Streams epochs into .b.new-1234/scalars.jsonl like a training run."""

    def __init__(self, logdir):
        self.dir = logdir / ".b.new-1234"
        self.dir.mkdir()
        (logdir / ".b.lock").write_text("1234\n")
        self.f = open(self.dir / "scalars.jsonl", "a")
        self.step = 0
        self.epoch = 0

    def epochs(self, n, partial=False):
        for _ in range(n):
            self.epoch += 1
            for _ in range(5):
                self.step += 1
                self.f.write(json.dumps({"kind": "step", "step": self.step, "epoch": self.epoch,
                                         "wall_time": self.step * 0.1, "loss": 1 / (1 + 0.1 * self.step)}) + "\n")
            loss = 1 / (1 + 0.5 * self.epoch)
            self.f.write(json.dumps({"kind": "epoch", "step": self.step, "epoch": self.epoch, "wall_time": self.step * 0.1,
                                     "loss": loss, "metrics": {"loss": loss, "val_loss": loss * 1.1,
                                                               "accuracy": 1 - loss / 2, "val_accuracy": 1 - loss / 1.8}}) + "\n")
        if partial:
            self.f.write('{"kind":"step","step":')  # half a line, as a reader may find it
        self.f.flush()


def points(browser, tag, run):
    """Points of one run on the chart of tag, as the page drew them."""
    return browser.eval(f"""(() => {{
        const c = document.querySelector('.chart[data-tag="{tag}"]');
        const inst = c && echarts.getInstanceByDom(c);
        if (!inst) return -1;
        const s = inst.getOption().series.filter(s => s.name === {json.dumps(run)});
        return s.length ? s[0].data.length : 0;
    }})()""")


def test_board_in_chromium(board):
    logdir, port, tmp = board
    url = f"http://127.0.0.1:{port}/"
    SHOTS.mkdir(parents=True, exist_ok=True)
    writer = Writer(logdir)
    writer.epochs(2, partial=True)
    browser = Browser(url, tmp / "chromium")
    try:
        browser.wait_for("document.querySelectorAll('.chart svg').length >= 4")
        names = browser.eval("[...document.querySelectorAll('#runs .run-name')].map(e => e.textContent)")
        assert names == sorted(["a", "b", "bad", HOSTILE]), names
        # Charts for both runs: SVG inside the chart containers, with a and b drawn.
        for tag in ["loss", "val_loss", "loss (per step)", "accuracy"]:
            assert browser.eval(f"document.querySelector('.chart[data-tag=\"{tag}\"] svg') !== null"), tag
            assert points(browser, tag, "a") > 0, tag
        first = points(browser, "loss", "b")
        assert first == 2, first
        # The malformed run shows its error; the hostile name is text, not an element.
        assert "config.json: unexpected end of JSON input" in browser.eval("document.body.innerText")
        assert browser.eval("document.querySelectorAll('img').length") == 0
        assert HOSTILE in browser.eval("document.body.innerText")
        assert "training" in browser.eval("document.querySelector('.run[data-run=\"b\"] .status').textContent")
        browser.screenshot(SHOTS / "scalars-1.png")

        # The run grows while the page is open: the page polls and redraws.
        writer.f.write('"x"}\n')  # the half line ends as garbage: shown as the run's error, the rest still read
        writer.epochs(3)
        browser.wait_for("document.querySelector('.run[data-run=\"b\"] .epochs').textContent.startsWith('5 ')", timeout=15)
        assert points(browser, "loss", "b") == 5 > first
        assert points(browser, "loss (per step)", "b") == 25
        browser.screenshot(SHOTS / "scalars-2.png")

        # A run that appears is listed without a restart.
        late = logdir / "late"
        shutil.copytree(logdir / "a", late)
        browser.wait_for("document.querySelector('.run[data-run=\"late\"]') !== null", timeout=15)

        # Controls: wall-time axis, log scale, no smoothing, hiding a run.
        browser.eval("""(() => {
            const x = document.getElementById('xaxis'); x.value = 'wall'; x.dispatchEvent(new Event('change'));
            const l = document.getElementById('logscale'); l.checked = true; l.dispatchEvent(new Event('change'));
            const s = document.getElementById('smoothing'); s.value = '0'; s.dispatchEvent(new Event('input'));
            const a = document.querySelector('.run[data-run="a"] input'); a.checked = false; a.dispatchEvent(new Event('change'));
        })()""")
        opt = browser.eval("(() => { const o = echarts.getInstanceByDom(document.querySelector('.chart[data-tag=\"loss\"]')).getOption();"
                           " return [o.xAxis[0].name, o.yAxis[0].type, o.series.map(s => s.name)]; })()")
        assert opt[0] == "wall time (s)" and opt[1] == "log" and "a" not in opt[2] and "b" in opt[2], opt

        for page, check in [
            ("histograms?run=a", "document.querySelectorAll('.hist-chart svg').length >= 2"),
            ("graph", "document.querySelectorAll('.graph .node').length >= 3"),
            ("hparams", "document.querySelector('#parallel svg') !== null && document.querySelectorAll('#hparams tbody tr').length >= 4"),
            ("explanations", "document.querySelectorAll('table.explanation tbody tr').length >= 3"
                             " && document.querySelector('a[href=\"/files/a/report.html\"]') !== null"),
        ]:
            browser.goto(url + page)
            browser.wait_for(check)
            assert browser.eval("document.querySelectorAll('img').length") == 0, page
            browser.screenshot(SHOTS / (page.split("?")[0] + ".png"))
        assert not browser.errors, browser.errors
    finally:
        browser.close()


def test_board_refuses_traversal_and_writes(board):
    logdir, port, tmp = board
    secret = tmp / "secret.txt"
    secret.write_text("s3cr3t")
    (logdir / "a" / "link.txt").symlink_to(secret)
    for path in ["/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/a/%2E%2E/%2e%2e/secret.txt",
                 "/files/a%2f..%2f..%2fsecret.txt", "/files/..%5csecret.txt", "/files/a/link.txt",
                 "/files//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/files/.b.lock"]:
        status, body = raw_get(port, path)
        assert status in (400, 404), (path, status)
        assert "s3cr3t" not in body and "root:" not in body, path
    status, _ = raw_get(port, "/files/a/metrics.json")
    assert status == 200
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/runs", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 405
    # The malformed run did not take the board down.
    status, body = http_get(f"http://127.0.0.1:{port}/api/runs")
    assert status == 200
    runs = {r["name"]: r for r in json.loads(body)["runs"]}
    assert runs["bad"]["errors"] and runs["a"]["status"] == "finished"
