"""The workshop (notebooks/workshop/en and zh): every lesson and solution
notebook runs through the GlassBox kernel with no error, shows what its cells
promise, and every self-check says ✅; every exercise notebook, run as
handed out (placeholders unfilled), does not crash and every self-check says
❌ with a hint.

Answer cells are tagged "exercise", self-check cells "self-check". A
solutions notebook is its exercises notebook with the answer cells filled in.

Each test runs a notebook's English and Chinese versions side by side, each in
a kernel of its own: building a cell is mostly single-threaded linking, so two
kernels use two cores."""
import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from conftest import ROOT, KERNEL
from test_notebooks import errors_in, check_in_browser, check_rich_outputs

WORKSHOP = ROOT / "notebooks" / "workshop"
LANGS = ("en", "zh")
OUT = ROOT / "out" / "e2e" / "workshop"


def notebooks(kind, lang="en"):
    """kind: "lesson", "exercises" or "solutions"."""
    found = []
    for p in sorted((WORKSHOP / lang).glob("[0-9][0-9]-*.ipynb")):
        rest = p.stem.split("-", 1)[1]
        if (rest if rest in ("exercises", "solutions") else "lesson") == kind:
            found.append(p)
    return found


def ids(paths):
    return [p.name for p in paths]


# The English notebooks; each test runs the Chinese twin of the same name too.
LESSONS, EXERCISES, SOLUTIONS = notebooks("lesson"), notebooks("exercises"), notebooks("solutions")


def tagged(cell, tag):
    return tag in cell.metadata.get("tags", [])


def stdout(cell):
    return "".join(o.text for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stdout")


@pytest.fixture(scope="module", autouse=True)
def fresh_runs():
    """Start from no run directories, as a learner does."""
    for lang in LANGS:
        shutil.rmtree(WORKSHOP / lang / "runs", ignore_errors=True)


def execute(path):
    """Run the notebook through the kernel; return it executed, and the errors seen."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=600, allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = errors_in(nb)
    out = OUT / path.parent.name
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out / path.name)
    return nb, errors


def execute_both(path):
    """Run path (an English notebook) and its Chinese twin at once: [(path, nb, errors), …]."""
    paths = [WORKSHOP / lang / path.name for lang in LANGS]
    with ThreadPoolExecutor(len(paths)) as pool:
        return [(p, *done) for p, done in zip(paths, pool.map(execute, paths))]


# --- Structure, without a kernel ---------------------------------------------------------------

def test_every_lesson_has_exercises_and_solutions_in_both_languages():
    assert len(LESSONS) >= 3, LESSONS
    for lang in LANGS:
        names = sorted(p.name for p in (WORKSHOP / lang).glob("*.ipynb"))
        assert names == sorted(p.name for p in (WORKSHOP / "en").glob("*.ipynb")), f"{lang} has other notebooks than en"
        for lesson in notebooks("lesson", lang):
            num = lesson.name[:2]
            assert (WORKSHOP / lang / f"{num}-exercises.ipynb").exists(), lesson
            assert (WORKSHOP / lang / f"{num}-solutions.ipynb").exists(), lesson
    assert (WORKSHOP / "README.md").exists()


@pytest.mark.parametrize("path", EXERCISES + notebooks("exercises", "zh"),
                         ids=ids(EXERCISES) + ["zh/" + p.name for p in notebooks("exercises", "zh")])
def test_exercises_and_solutions_differ_only_in_answer_cells(path):
    ex = nbformat.read(path, as_version=4)
    sol = nbformat.read(path.with_name(path.name.replace("exercises", "solutions")), as_version=4)
    assert [c.cell_type for c in ex.cells] == [c.cell_type for c in sol.cells]
    answers = 0
    for i, (a, b) in enumerate(zip(ex.cells, sol.cells)):
        assert a.get("id") == b.get("id") and a.metadata.get("tags") == b.metadata.get("tags"), f"cell {i}"
        if tagged(a, "exercise"):
            answers += 1
            assert "// TODO" in a.source, f"cell {i}: an answer cell without a // TODO placeholder"
            assert "// TODO" not in b.source and a.source != b.source, f"cell {i}: the solution is not filled in"
            following = ex.cells[i + 1]
            assert following.cell_type == "code" and tagged(following, "self-check"), \
                f"cell {i}: an answer cell not followed by its self-check"
        else:
            assert a.source == b.source, f"cell {i} differs outside the answer cells"
    assert 3 <= answers <= 5, f"{answers} exercises"
    # Both languages ask the same exercises.
    other = "zh" if path.parent.name == "en" else "en"
    twin = nbformat.read(WORKSHOP / other / path.name, as_version=4)
    assert [c.metadata.get("tags") for c in twin.cells] == [c.metadata.get("tags") for c in ex.cells]


# --- Through the kernel -----------------------------------------------------------------------

def check_clean(nb, errors, path):
    where = path.relative_to(WORKSHOP)
    assert not errors, f"{where}:\n" + "\n".join(errors)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code_cells), "a code cell did not run"
    assert all(c.outputs for c in code_cells if c.source.strip()), "every code cell shows something"
    assert all(c.metadata.get("glassbox", {}).get("expect") for c in code_cells if c.source.strip()), \
        "every code cell states what it shows (metadata glassbox.expect)"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            check_rich_outputs(i, cell)
            assert "❌" not in stdout(cell), f"cell {i}: {stdout(cell)}"
            if tagged(cell, "self-check"):
                assert "✅" in stdout(cell), f"cell {i}: the self-check printed {stdout(cell)!r}"
    if path.parent.name == "zh":
        # The Chinese notebooks print Chinese, not English left-overs.
        printed = "".join(stdout(c) for c in code_cells)
        assert re.search(r"[\u4e00-\u9fff]", printed), "no Chinese in the printed output"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_runs_clean(path):
    for p, nb, errors in execute_both(path):
        check_clean(nb, errors, p)
        html, _ = HTMLExporter().from_notebook_node(nb)
        html_path = OUT / p.parent.name / (p.stem + ".html")
        html_path.write_text(html, encoding="utf-8")
        check_in_browser(html_path, nb)


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_solutions_pass_every_self_check(path):
    for p, nb, errors in execute_both(path):
        check_clean(nb, errors, p)
        assert sum(tagged(c, "self-check") for c in nb.cells) >= 3, p


@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_unfilled_exercises_run_and_every_self_check_fails_with_a_hint(path):
    for p, nb, errors in execute_both(path):
        where = p.relative_to(WORKSHOP)
        assert not errors, f"{where}: an unfilled exercise notebook must not crash:\n" + "\n".join(errors)
        checks = [(i, c) for i, c in enumerate(nb.cells) if tagged(c, "self-check")]
        assert len(checks) >= 3, where
        for i, cell in checks:
            text = stdout(cell)
            assert "❌" in text and "✅" not in text, f"{where} cell {i}: an unfilled exercise's self-check printed {text!r}"
            assert re.search(r"❌ .+ — \S", text), f"{where} cell {i}: no hint after the ❌: {text!r}"
        for i, cell in enumerate(nb.cells):
            if tagged(cell, "exercise"):
                assert cell.get("execution_count") and cell.outputs, f"{where} cell {i}: the answer cell did not run"
