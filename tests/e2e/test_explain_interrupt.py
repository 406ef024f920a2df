"""A long explanation in a notebook cell: a live bar with rows per second
and time left, and the kernel's interrupt stops it cleanly — the cell says
how far it got and leaves no file, and the kernel stays usable."""
import re
import threading
import time

CELL = r'''
import (
	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/reports"
)

%%
ctx, stop := kernel.InterruptContext() // GoNB interrupts a cell with SIGINT
defer stop()
slow := explain.ModelFunc(func(X [][]float64) ([][]float64, error) {
	time.Sleep(2 * time.Millisecond) // a model worth a progress bar
	out := make([][]float64, len(X))
	for i, x := range X {
		out[i] = []float64{x[0] + 2*x[1] - x[2]*x[3]}
	}
	return out, nil
})
X := make([][]float64, 100000)
for i := range X {
	X[i] = []float64{float64(i % 7), float64(i % 5), float64(i % 3), float64(i % 2)}
}
ex, err := explain.NewPermutation(slow, X[:5], explain.Options{Samples: 2, Progress: reports.ExplainProgressContext(ctx)})
if err != nil {
	panic(err)
}
out := filepath.Join(%q, "why.csv")
tmp, err := os.CreateTemp(filepath.Dir(out), ".why.csv.*")
if err != nil {
	panic(err)
}
w := explain.NewCSVWriter(tmp)
err = explain.Stream(ctx, ex, X, 1000, func(_ int, part *explain.Explanation) error { return w.Write(part) })
tmp.Close()
if err != nil {
	os.Remove(tmp.Name())
	fmt.Println("stopped cleanly:", err)
	return
}
os.Rename(tmp.Name(), out)
fmt.Println("finished")
'''


def test_interrupted_explanation_stops_cleanly(session, tmp_path):
    timer = threading.Timer(8.0, session.km.interrupt_kernel)
    start = time.time()
    cell = session.run(CELL.replace("%q", '"' + str(tmp_path) + '"'), on_start=timer.start)
    elapsed = time.time() - start
    timer.cancel()
    assert elapsed < 60, f"the interrupt took {elapsed:.0f}s"
    assert "stopped cleanly: explain: stopped after " in cell.stdout, cell.all_text
    assert "of 100000 rows: interrupt signal received" in cell.stdout, cell.stdout
    assert "finished" not in cell.stdout
    bars = [m["content"]["data"] for m in cell.of_type("display_data", "update_display_data")]
    assert bars and any("rows/s" in b["text/plain"] and "left" in b["text/plain"] for b in bars), bars
    # The bar ends saying where the work stopped: the count the error gives.
    done = int(re.search(r"stopped after (\d+) of", cell.stdout).group(1))
    assert f"stopped after {done:,} of 100,000 rows (interrupt signal received)" in bars[-1]["text/plain"], bars[-1]
    assert "<progress" in bars[-1]["text/html"]
    assert list(tmp_path.iterdir()) == [], "an interrupted explanation left files"
    session.drain()
    after = session.run('%%\nfmt.Println("after interrupt")')
    assert after.status == "ok" and after.stdout == "after interrupt\n"
