"""The README's cell example runs as shown."""
import re

from conftest import ROOT


def test_readme_cell_example_runs(session, tmp_path):
    code = re.search(r"```go\n(import \(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    # The example writes its run directory under the cell's working directory
    # (notebooks/); point it at a scratch folder instead.
    code = code.replace('"runs/customers"', f'"{tmp_path}/customers"')
    cell = session.run(code)
    assert cell.status == "ok", cell.all_text
    shown = [m["content"]["data"] for m in cell.of_type("display_data")]
    assert any("accuracy" in d.get("text/plain", "") for d in shown), shown
