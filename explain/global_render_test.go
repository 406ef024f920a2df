package explain

import (
	"encoding/xml"
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
	h := p.HTML()
	if !strings.Contains(h, "b&lt;") || strings.Contains(h, "b<") {
		t.Fatalf("feature names are not escaped: %s", h)
	}
	if strings.Index(h, "b&lt;") > strings.Index(h, ">a<") {
		t.Fatal("HTML order differs from the ranking")
	}
}

func TestPartialDependenceSVGIsWellFormed(t *testing.T) {
	r := &PartialDependenceResult{Name: "age & income", Grid: []float64{1, 2, 3},
		ICE: [][]float64{{0, 1, 2}, {1, 2, 3}}, Average: []float64{0.5, 1.5, 2.5}}
	svg := r.SVG(1)
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
	}
	if got := strings.Count(svg, `stroke="#9e9e9e"`); got != 1 {
		t.Fatalf("drew %d ICE curves, want 1", got)
	}
	if !strings.Contains(r.Text(), "2.5") || !strings.HasPrefix(r.HTML(), "<div><svg") {
		t.Fatal("text or HTML form missing")
	}
	if (&PartialDependenceResult{}).SVG(5) != "" {
		t.Fatal("an empty result draws something")
	}
}
