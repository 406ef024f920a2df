"""Every notebook in notebooks/ executes through the GlassBox kernel with no
error output, shows what its cells promise, and its HTML export renders in a
real browser.

A code cell states what it must show in its metadata:
  "glassbox": {"expect": {"text/html": ["<table", "P(buys)"], "stdout": ["…"]}}
— for each MIME type of its display outputs (or "stdout"), strings that one of
those outputs must contain."""
import pathlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from conftest import ROOT, KERNEL

# Every notebook under notebooks/ (zh/ included); the workshop's exercises
# and solutions have a test of their own (tests/e2e/test_workshop.py).
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if not {"workshop", ".ipynb_checkpoints", "runs"} & set(p.relative_to(ROOT / "notebooks").parts))
OUT = ROOT / "out" / "e2e"


def test_there_are_notebooks():
    assert any(p.name == "01-quickstart.ipynb" for p in NOTEBOOKS), NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT / "notebooks")) for p in NOTEBOOKS])
def test_notebook_executes_without_errors(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=1800, allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = errors_in(nb)
    assert not errors, "\n".join(errors)
    # A "parameters" cell (for glassbox run) only declares defaults.
    code_cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    assert all(c.get("execution_count") for c in code_cells), "a code cell did not run"
    assert all(c.outputs for c in code_cells), "every code cell of a tested notebook shows something"
    assert all(c.metadata.get("glassbox", {}).get("expect") for c in code_cells if c.source.strip()), \
        "every code cell of a tested notebook states what it shows (metadata glassbox.expect)"
    for i, cell in enumerate(nb.cells):
        if any(cell is c for c in code_cells):
            check_rich_outputs(i, cell)

    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, OUT / path.name)
    html, _ = HTMLExporter().from_notebook_node(nb)
    html_path = OUT / (path.stem + ".html")
    html_path.write_text(html, encoding="utf-8")
    check_in_browser(html_path, nb)


def errors_in(nb):
    """The errors an executed notebook shows: error outputs, and Go panics on stderr (as GoNB reports them)."""
    errors = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                errors.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr" and "panic:" in out.text:
                errors.append(f"cell {i}: {out.text[:500]}")
    return errors


def outputs_by_mime(cell):
    """The cell's outputs as {mime: [text, …]}, its printed text under "stdout"."""
    found = {}
    for out in cell.get("outputs", []):
        if out.output_type == "stream" and out.name == "stdout":
            found.setdefault("stdout", []).append(out.text)
        for mime, value in out.get("data", {}).items():
            found.setdefault(mime, []).append(value if isinstance(value, str) else "".join(value))
    return found


class TextOf(HTMLParser):
    """The visible text of an HTML document or fragment (no scripts, no styles)."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(markup):
    p = TextOf()
    p.feed(markup)
    return re.sub(r"\s+", " ", "".join(p.parts)).strip()


def check_rich_outputs(i, cell):
    """The cell shows what its metadata promises; its HTML has text and its SVG is XML."""
    found = outputs_by_mime(cell)
    for mime, needles in cell.metadata["glassbox"]["expect"].items():
        assert mime in found, f"cell {i}: no {mime} output (has {sorted(found)})"
        for needle in needles:
            assert any(needle in v for v in found[mime]), f"cell {i}: no {mime} output contains {needle!r}"
    for markup in found.get("text/html", []):
        assert visible_text(markup), f"cell {i}: an HTML output shows no text"
    for svg in found.get("image/svg+xml", []):
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg") and len(root), f"cell {i}: an SVG output is empty"


def check_in_browser(html_path, nb):
    """Render the export in headless Chromium and check that the text of the
    notebook's own outputs is in the rendered page."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium not installed (.ci/run installs it)")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
         "--dump-dom", html_path.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    assert "</html>" in dom
    # Every markdown heading of the notebook is rendered.
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    assert line[2:].strip() in dom, f"heading {line!r} missing from the rendered page"
    # Every rich output: the beginning of each HTML output's text, and one
    # <svg> per SVG output.
    dom_text = visible_text(dom)
    svgs = 0
    for i, cell in enumerate(nb.cells):
        found = outputs_by_mime(cell)
        for markup in found.get("text/html", []):
            head = visible_text(markup)[:60]
            assert head in dom_text, f"cell {i}: HTML output {head!r} missing from the rendered page"
        svgs += len(found.get("image/svg+xml", []))
    assert dom.count("<svg") >= svgs, f"{svgs} SVG outputs, {dom.count('<svg')} <svg> elements in the page"
    # And what the cells printed: the first line of every stream output.
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                line = out.text.strip().splitlines()[0].strip()
                if not any(c in line for c in "<>&\"'"):
                    assert line in dom, f"output line {line!r} missing from the rendered page"
    shot = html_path.with_suffix(".png")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1280,2400", f"--screenshot={shot}", html_path.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000, "the screenshot of the page is blank"
