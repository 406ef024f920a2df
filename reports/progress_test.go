package reports

import (
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

func TestProgressOutputClampsAndEscapes(t *testing.T) {
	o := progressOutput(1.7, `loss <b>&"`)
	if !strings.Contains(o.HTML, `value="1.000"`) || !strings.Contains(o.HTML, "100%") || !strings.Contains(o.Text, strings.Repeat("█", 30)) {
		t.Errorf("fraction 1.7 not clamped to 1: %+v", o)
	}
	if strings.Contains(o.HTML, "<b>") || !strings.Contains(o.HTML, "loss &lt;b&gt;&amp;&#34;") {
		t.Errorf("text not escaped: %s", o.HTML)
	}
	if o := progressOutput(-1, ""); !strings.Contains(o.HTML, `value="0.000"`) || strings.Contains(o.Text, "█") {
		t.Errorf("fraction -1 not clamped to 0: %+v", o)
	}
}

// TestProgressBarObservesTraining drives the bar through a real Fit (outside
// a notebook it only prints its final line).
func TestProgressBarObservesTraining(t *testing.T) {
	X := [][]float64{{0, 1}, {1, 0}, {0.2, 0.9}, {0.8, 0.1}}
	y := [][]float64{{0}, {1}, {0}, {1}}
	m := ml.NewSequential(ml.Dense(1, ml.Sigmoid, 2))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	b := newBar()
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 2, BatchSize: 2, Progress: b.observer()}); err != nil {
		t.Fatal(err)
	}
	if b.epochs != 2 || !strings.HasPrefix(b.last, "epoch 2/2  loss=") {
		t.Errorf("the bar saw %d epochs, last line %q", b.epochs, b.last)
	}
}
