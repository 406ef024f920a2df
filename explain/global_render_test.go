package explain

import (
	"strings"
	"testing"
)

func TestPermutationImportanceRendersMostImportantFirst(t *testing.T) {
	p := &PermutationImportance{Metric: "accuracy", FeatureNames: []string{"a", "b<", "c"}, Baseline: 0.9,
		Mean: []float64{0.01, 0.2, -0.01}, Std: []float64{0.005, 0.02, 0.01}, Seed: 3}
	text := p.Text()
	if ia, ib, ic := strings.Index(text, "\na "), strings.Index(text, "\nb<"), strings.Index(text, "\nc "); !(ib < ia && ia < ic) {
		t.Fatalf("order wrong:\n%s", text)
	}
}

func TestPartialDependenceText(t *testing.T) {
	r := &PartialDependenceResult{Name: "age & income", Grid: []float64{1, 2, 3},
		ICE: [][]float64{{0, 1, 2}, {1, 2, 3}}, Average: []float64{0.5, 1.5, 2.5}}
	if txt := r.Text(); !strings.Contains(txt, "2.5") || !strings.Contains(txt, "age & income") || !strings.Contains(txt, "2 ICE curves") {
		t.Fatalf("text form:\n%s", txt)
	}
}
