package explain

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// streamCase builds every kind of explainer of the package on one model,
// with options o applied to the Shapley ones and progress to all.
func streamCase(t *testing.T, method string, m Model, X [][]float64, progress func(done, total int)) Explainer {
	t.Helper()
	bg := X[:6]
	o := Options{Seed: 9, Progress: progress, Workers: 2}
	var ex Explainer
	var err error
	switch method {
	case "kernel":
		o.Samples = 40
		ex, err = NewKernel(m, bg, o)
	case "permutation":
		o.Samples = 4
		ex, err = NewPermutation(m, bg, o)
	case "exact":
		o.Groups = [][]int{{0, 1}, {2}, {3, 4, 5}, {6, 7}}
		ex, err = NewExact(m, bg, o)
	case "lime":
		ex, err = NewLIME(m, X, LIMEOptions{Seed: 9, Samples: 100, Progress: progress, Workers: 2})
	}
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func streamData(rows int) (Model, [][]float64) {
	rng := rand.New(rand.NewPCG(7, 1))
	return rowModel(randomModel(rng, 8)), randomMatrix(rng, rows, 8)
}

// TestStreamEqualsOneCall: the blocks of Stream, merged or written with
// the streaming writers, are byte for byte what one Explain call gives
// and writes; the progress hook counts all rows once, in order, never
// concurrently.
func TestStreamEqualsOneCall(t *testing.T) {
	m, X := streamData(11)
	for _, method := range []string{"kernel", "permutation", "exact", "lime"} {
		whole, err := streamCase(t, method, m, X, nil).Explain(X)
		if err != nil {
			t.Fatal(err)
		}
		var wantJSON, wantCSV bytes.Buffer
		if err := whole.WriteJSON(&wantJSON); err != nil {
			t.Fatal(err)
		}
		if err := whole.WriteCSV(&wantCSV); err != nil {
			t.Fatal(err)
		}

		var seen []int
		var inside atomic.Int32
		progress := func(done, total int) {
			if inside.Add(1) != 1 {
				t.Errorf("%s: progress called concurrently", method)
			}
			defer inside.Add(-1)
			if total != len(X) {
				t.Errorf("%s: progress total %d, want %d", method, total, len(X))
			}
			seen = append(seen, done)
		}
		ex := streamCase(t, method, m, X, progress)
		dir := t.TempDir()
		var gotJSON, gotCSV bytes.Buffer
		jw, cw := NewJSONWriter(&gotJSON, dir), NewCSVWriter(&gotCSV)
		var parts []*Explanation
		var firsts []int
		var imp Importance
		err = Stream(context.Background(), ex, X, 4, func(first int, part *Explanation) error {
			firsts = append(firsts, first)
			parts = append(parts, part)
			if err := imp.Add(part); err != nil {
				return err
			}
			if err := jw.Write(part); err != nil {
				return err
			}
			return cw.Write(part)
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := jw.Close(); err != nil {
			t.Fatal(err)
		}
		if got := len(firsts); got != 3 || firsts[1] != 4 || firsts[2] != 8 || parts[2].Rows() != 3 {
			t.Errorf("%s: blocks start at %v", method, firsts)
		}
		merged, err := Merge(parts...)
		if err != nil {
			t.Fatal(err)
		}
		var mergedJSON bytes.Buffer
		if err := merged.WriteJSON(&mergedJSON); err != nil {
			t.Fatal(err)
		}
		for what, got := range map[string][]byte{"Merge": mergedJSON.Bytes(), "JSONWriter": gotJSON.Bytes()} {
			if !bytes.Equal(got, wantJSON.Bytes()) {
				t.Errorf("%s: %s of the blocks differs from one call's JSON:\n%s\nwant\n%s", method, what, head(got), head(wantJSON.Bytes()))
			}
		}
		if !bytes.Equal(gotCSV.Bytes(), wantCSV.Bytes()) {
			t.Errorf("%s: CSVWriter differs from WriteCSV:\n%s\nwant\n%s", method, gotCSV.String(), wantCSV.String())
		}
		wantImp, _ := whole.MeanAbs(0)
		if gotImp, err := imp.MeanAbs(0); err != nil || !reflect.DeepEqual(gotImp, wantImp) || imp.Text() != whole.Text() {
			t.Errorf("%s: Importance of the blocks: %v, %v, want %v\n%s\nwant\n%s", method, gotImp, err, wantImp, imp.Text(), whole.Text())
		}
		if jw.Rows() != len(X) || cw.Rows() != len(X) || imp.Rows() != len(X) {
			t.Errorf("%s: writers count %d and %d rows", method, jw.Rows(), cw.Rows())
		}
		if len(seen) != len(X)+1 {
			t.Fatalf("%s: progress called %d times for %d rows: %v", method, len(seen), len(X), seen)
		}
		for i, d := range seen {
			if d != i {
				t.Fatalf("%s: progress reported %v; want 0, 1, …, %d", method, seen, len(X))
			}
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%s: JSONWriter left %d temporary files", method, len(left))
		}
	}
}

func head(b []byte) string { return string(b[:min(len(b), 400)]) }

// TestStreamStopsWhenCancelled: cancelling from the progress hook after the
// first block stops Stream before the second block is yielded; the error
// says how far it got and is context.Canceled; no goroutine is left.
func TestStreamStopsWhenCancelled(t *testing.T) {
	m, X := streamData(200)
	before := runtime.NumGoroutine()
	for _, method := range []string{"kernel", "lime"} {
		ctx, cancel := context.WithCancel(context.Background())
		last := 0
		ex := streamCase(t, method, m, X, func(done, total int) {
			last = done
			if done == 10 {
				cancel()
			}
		})
		yields := 0
		err := Stream(ctx, ex, X, 10, func(first int, part *Explanation) error {
			yields++
			return nil
		})
		cancel()
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped after 10 of 200 rows") {
			t.Errorf("%s: cancelled Stream returned %v", method, err)
		}
		if yields != 1 || last != 10 {
			t.Errorf("%s: %d blocks yielded, %d rows explained after a cancel at row 10", method, yields, last)
		}

		// Within a call: rows in flight finish, no new one starts.
		ctx, cancel = context.WithCancel(context.Background())
		ex = streamCase(t, method, m, X, func(done, total int) {
			last = done
			if done == 3 {
				cancel()
			}
		})
		e, err := ExplainContext(ctx, ex, X)
		cancel()
		if e != nil || !errors.Is(err, context.Canceled) || last > 3+2 {
			t.Errorf("%s: ExplainContext cancelled at row 3 explained %d rows, returned %v", method, last, err)
		}
	}
	// Already done: nothing runs.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	ex, err := NewPermutation(ModelFunc(func(X [][]float64) ([][]float64, error) {
		calls++
		return rowModel(func(x []float64) []float64 { return []float64{x[0]} }).Predict(X)
	}), X[:2], Options{})
	if err != nil {
		t.Fatal(err)
	}
	calls = 0
	if _, err := ExplainContext(ctx, ex, X); !errors.Is(err, context.Canceled) || calls != 0 {
		t.Errorf("a done context: %v after %d model calls", err, calls)
	}
	if err := Stream(ctx, ex, X, 5, func(int, *Explanation) error { return nil }); !errors.Is(err, context.Canceled) || calls != 0 {
		t.Errorf("Stream on a done context: %v after %d model calls", err, calls)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after the cancelled calls", before, n)
	}
}

// foreign is an Explainer of another package.
type foreign struct{ Explainer }

func (f foreign) Explain(X [][]float64) (*Explanation, error) { return f.Explainer.Explain(X) }

func TestStreamErrors(t *testing.T) {
	m, X := streamData(9)
	ex := streamCase(t, "exact", m, X, nil)
	yieldErr := errors.New("disk full")
	n := 0
	err := Stream(context.Background(), ex, X, 4, func(int, *Explanation) error {
		n++
		return yieldErr
	})
	if !errors.Is(err, yieldErr) || n != 1 {
		t.Errorf("yield's error: %v after %d blocks", err, n)
	}
	bad := append([][]float64(nil), X...)
	bad[7] = append([]float64(nil), X[7]...)
	bad[7][2] = 1 / zero()
	n = 0
	err = Stream(context.Background(), ex, bad, 4, func(int, *Explanation) error { n++; return nil })
	if err == nil || !strings.Contains(err.Error(), "X row 7, column 2") || n != 0 {
		t.Errorf("an infinity in row 7: %v after %d blocks", err, n)
	}
	for _, blocks := range []int{0, -1} {
		if err := Stream(context.Background(), ex, X, blocks, func(int, *Explanation) error { return nil }); err == nil {
			t.Errorf("blockRows %d accepted", blocks)
		}
	}
	// Another package's explainer is called block by block; this one
	// ignores its row's position, so the blocks are the whole.
	whole, _ := ex.Explain(X)
	var parts []*Explanation
	if err := Stream(context.Background(), foreign{ex}, X, 4, func(_ int, p *Explanation) error {
		parts = append(parts, p)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if merged, err := Merge(parts...); err != nil || merged.Values[8][1][0] != whole.Values[8][1][0] {
		t.Errorf("a foreign explainer streamed: %v", err)
	}

	// One row: Importance's text is the row's table.
	var one Importance
	first, _ := ex.Explain(X[:1])
	if err := one.Add(first); err != nil || one.Text() != first.Text() || !strings.Contains(one.Text(), "f(x)") {
		t.Errorf("Importance of one row: %v\n%s", err, one.Text())
	}

	// Writers refuse parts of another explanation and JSON of no rows.
	var b bytes.Buffer
	jw := NewJSONWriter(&b, t.TempDir())
	if err := jw.Close(); err == nil || !strings.Contains(err.Error(), "no rows") {
		t.Errorf("closing an empty JSONWriter: %v", err)
	}
	other, _ := streamCase(t, "permutation", m, X, nil).Explain(X[:2])
	for _, w := range []interface{ Write(*Explanation) error }{NewCSVWriter(&b), NewJSONWriter(&b, t.TempDir())} {
		if err := w.Write(whole); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(other); err == nil || !strings.Contains(err.Error(), "the part from row 9 differs from part 1 in its method") {
			t.Errorf("%T: a permutation part after an exact one: %v", w, err)
		}
	}
	dir := t.TempDir()
	jw = NewJSONWriter(&b, dir)
	if err := jw.Write(whole); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) == 0 {
		t.Error("JSONWriter wrote no temporary file for the base values")
	}
	if err := jw.Discard(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("Discard left %d temporary files", len(left))
	}
	if err := jw.Write(whole); err == nil {
		t.Error("Write after Discard accepted")
	}
}

func zero() float64 { return 0 }
