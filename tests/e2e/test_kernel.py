"""The kernel's behaviour as a user meets it: cells, displays, faults."""
import json
import threading
import time

from conftest import ROOT, KERNEL


def test_plain_cell_prints(session):
    cell = session.run('%%\nfmt.Println("hello from GlassBox")')
    assert cell.status == "ok", cell.all_text
    assert cell.stdout == "hello from GlassBox\n"


def test_cells_import_project_and_gomlx_offline(session):
    # make e2e runs with GOPROXY=off: these imports must resolve from the
    # module graph the kernel's go.work provides, without any download.
    cell = session.run(
        'import (\n'
        '  "github.com/gomlx/gomlx/core/graph"\n'
        '  "github.com/glassbox-ml/glassbox/kernel"\n'
        '  "gonum.org/v1/gonum/stat"\n'
        ')\n%%\n'
        'var n *graph.Node\n'
        'fmt.Println(n == nil, stat.Mean([]float64{1, 2, 3}, nil), kernel.InNotebook())'
    )
    assert cell.status == "ok", cell.all_text
    assert cell.stdout == "true 2 true\n"


def test_backend_defaults_to_pure_go_without_plugin(session):
    cell = session.run(
        'import "github.com/gomlx/compute"\n'
        'import _ "github.com/gomlx/gomlx/backends/default"\n%%\n'
        'b, err := compute.New()\nif err != nil { panic(err) }\n'
        'fmt.Println(b.Name(), "|", os.Getenv("GOFLAGS"), "|", os.Getenv("GLASSBOX_BACKEND_NOTE"))')
    assert cell.status == "ok", cell.all_text
    name, goflags, note = cell.stdout.strip().split(" | ", 2)
    assert name == "Go Backend", cell.stdout
    assert "-tags=noxla" in goflags
    assert "pure Go" in note and "glassbox xla install" in note


def test_working_directory_is_stable_across_cells(session):
    first = session.run('%%\nwd, _ := os.Getwd()\nfmt.Println(wd)')
    second = session.run('%%\nwd, _ := os.Getwd()\nfmt.Println(wd)')
    assert first.stdout == second.stdout == str(ROOT / "notebooks") + "\n"


def test_display_bridge_sends_rich_output_with_text_fallback(session):
    cell = session.run(
        'import "github.com/glassbox-ml/glassbox/kernel"\n%%\n'
        'kernel.HTML("<b>bold</b>", "bold")\n'
        'kernel.Markdown("# Title")\n'
        'kernel.SVG(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`, "a square")\n'
        'kernel.PNG([]byte{0x89, 0x50, 0x4e, 0x47}, "an image")\n'
    )
    assert cell.status == "ok", cell.all_text
    shown = [m["content"]["data"] for m in cell.of_type("display_data")]
    assert shown[0] == {"text/html": "<b>bold</b>", "text/plain": "bold"}
    assert shown[1] == {"text/markdown": "# Title", "text/plain": "# Title"}
    assert shown[2]["image/svg+xml"].startswith("<svg") and shown[2]["text/plain"] == "a square"
    assert shown[3]["image/png"] == "iVBORw==" and shown[3]["text/plain"] == "an image"


def test_live_display_updates_in_place_and_keeps_final_state(session):
    cell = session.run(
        'import "github.com/glassbox-ml/glassbox/kernel"\n%%\n'
        'live := kernel.NewLive()\n'
        'for i := 1; i <= 5; i++ {\n'
        '  live.Update(kernel.Output{HTML: fmt.Sprintf("<progress value=%d max=5></progress>", i), Text: fmt.Sprint(i)})\n'
        '}\n'
        'live.Finish(kernel.Output{HTML: "done", Text: "done"})\n'
    )
    assert cell.status == "ok", cell.all_text
    first = cell.of_type("display_data")
    updates = cell.of_type("update_display_data")
    assert len(first) == 1 and len(updates) == 5
    ids = {m["content"]["transient"]["display_id"] for m in first + updates}
    assert len(ids) == 1
    assert updates[-1]["content"]["data"]["text/html"] == "done"


def test_output_is_not_lost_when_the_cell_exits_at_once(session):
    cell = session.run(
        'import "github.com/glassbox-ml/glassbox/kernel"\n%%\n'
        'for i := 0; i < 50; i++ { kernel.HTML(fmt.Sprintf("<i>%d</i>", i), fmt.Sprint(i)) }\n'
        'os.Exit(0)\n'
    )
    htmls = [m["content"]["data"]["text/html"] for m in cell.of_type("display_data")]
    assert htmls == [f"<i>{i}</i>" for i in range(50)]


def test_panic_is_shown_and_next_cell_runs(session):
    cell = session.run('%%\nvar m map[string]int\nm["x"] = 1\npanic("never reached")')
    assert cell.status == "error"
    assert "assignment to entry in nil map" in cell.all_text
    after = session.run('%%\nfmt.Println("still alive")')
    assert after.status == "ok" and after.stdout == "still alive\n"


def test_compile_error_points_at_the_cell_line(session):
    cell = session.run('%%\nx := 1\ny := "two" + 3\nfmt.Println(x, y)')
    assert cell.status == "error"
    text = cell.all_text
    assert "Line 3" in text or "line 3" in text, text
    assert "mismatched types" in text or "cannot convert" in text or "invalid operation" in text, text


def test_interrupt_stops_a_long_cell_and_kernel_stays_usable(session):
    timer = threading.Timer(4.0, session.km.interrupt_kernel)
    start = time.time()
    cell = session.run('%%\nfmt.Println("sleeping")\ntime.Sleep(5 * time.Minute)', on_start=timer.start)
    elapsed = time.time() - start
    assert elapsed < 60, f"interrupt took {elapsed:.0f}s"
    assert cell.status in ("error", "abort"), f"an interrupted cell reported {cell.status}"
    assert cell.stdout == "sleeping\n", "the interrupt must stop the running program"
    session.drain()
    after = session.run('%%\nfmt.Println("after interrupt")')
    assert after.status == "ok" and after.stdout == "after interrupt\n"


def test_kernelspec_is_installed_in_the_venv():
    spec = json.loads((ROOT / ".venv/share/jupyter/kernels" / KERNEL / "kernel.json").read_text())
    assert spec["display_name"] == "Go (GlassBox)"
    assert spec["argv"][1:3] == ["kernel", "run"]
    assert spec["interrupt_mode"] == "signal"


def test_training_shows_a_live_progress_bar(session):
    cell = session.run(
        'import (\n'
        '  "github.com/glassbox-ml/glassbox/ml"\n'
        '  "github.com/glassbox-ml/glassbox/ml/datasets"\n'
        '  "github.com/glassbox-ml/glassbox/reports"\n'
        ')\n%%\n'
        'f, _ := datasets.Customers(300, 1)\n'
        'f, _ = f.Drop("demand")\n'
        'if _, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 3, Seed: 1, Progress: reports.ProgressBar()}); err != nil {\n'
        '  panic(err)\n'
        '}\n'
    )
    assert cell.status == "ok", cell.all_text
    first = cell.of_type("display_data")
    updates = cell.of_type("update_display_data")
    assert len(first) == 1 and len(updates) >= 3, (len(first), len(updates))
    assert "<progress" in first[0]["content"]["data"]["text/html"]
    final = updates[-1]["content"]["data"]
    assert "trained 3 epochs" in final["text/plain"] and "100%" in final["text/plain"]
    assert cell.stdout == "", "with the bar, a notebook shows no per-epoch lines"

    # Without an observer, training writes a line per epoch, in a notebook too.
    plain = session.run('%%\nf, _ := datasets.Customers(300, 1)\nf, _ = f.Drop("demand")\n'
                        'if _, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 2, Seed: 1}); err != nil {\n  panic(err)\n}\n')
    assert plain.status == "ok", plain.all_text
    assert "epoch 1/2  loss=" in plain.stdout and "epoch 2/2  loss=" in plain.stdout, plain.stdout
    assert not plain.of_type("update_display_data"), "ml displays nothing by itself"


def test_state_on_disk_survives_a_kernel_restart(session):
    before = session.run('%%\nwd, _ := os.Getwd()\nos.WriteFile("restart-check.txt", []byte("kept"), 0o644)\nfmt.Println(wd)')
    assert before.status == "ok", before.all_text
    session.km.restart_kernel(now=True)
    session.kc.wait_for_ready(timeout=120)
    session.drain()
    after = session.run('%%\nwd, _ := os.Getwd()\nb, err := os.ReadFile("restart-check.txt")\nif err != nil { panic(err) }\nos.Remove("restart-check.txt")\nfmt.Println(wd, string(b))')
    assert after.status == "ok", after.all_text
    assert after.stdout == before.stdout.strip() + " kept\n"


def test_training_shows_live_curves(session):
    """reports.Training(): the bar and the loss/metric curves grow in one
    live area, and the final chart stays as SVG in the saved output."""
    cell = session.run(
        'import (\n'
        '  "github.com/glassbox-ml/glassbox/ml"\n'
        '  "github.com/glassbox-ml/glassbox/ml/datasets"\n'
        '  "github.com/glassbox-ml/glassbox/reports"\n'
        ')\n%%\n'
        'f, _ := datasets.Customers(300, 2)\n'
        'f, _ = f.Drop("demand")\n'
        'if _, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 4, Seed: 2, Progress: reports.Training()}); err != nil {\n'
        '  panic(err)\n'
        '}\n'
    )
    assert cell.status == "ok", cell.all_text
    updates = cell.of_type("update_display_data")
    assert updates, "no live updates"
    final = updates[-1]["content"]["data"]
    html = final.get("text/html", "")
    assert "<progress" in html and "<svg" in html and "trained 4 epochs" in final["text/plain"], final
    assert sum("<svg" in u["content"]["data"].get("text/html", "") for u in updates) >= 2, "the curves did not grow"
