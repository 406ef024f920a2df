package explain

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestShardsMergeIntoTheWholeExplanation: explaining rows in parts with
// FirstRow set, then merging, gives byte for byte the JSON of one call, for
// a sampling Shapley method and for LIME.
func TestShardsMergeIntoTheWholeExplanation(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2))
	m := rowModel(randomModel(rng, 12))
	X := make([][]float64, 40)
	for i := range X {
		X[i] = make([]float64, 12)
		for j := range X[i] {
			X[i][j] = rng.NormFloat64()
		}
	}
	bg := X[:8]
	rows := X[:11]
	encode := func(e *Explanation) string {
		var b bytes.Buffer
		if err := e.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, method := range []string{"kernel", "permutation", "lime"} {
		explainer := func(first int) Explainer {
			var ex Explainer
			var err error
			switch method {
			case "kernel":
				ex, err = NewKernel(m, bg, Options{Seed: 3, Samples: 64, FirstRow: first})
			case "permutation":
				ex, err = NewPermutation(m, bg, Options{Seed: 3, Samples: 4, FirstRow: first})
			default:
				ex, err = NewLIME(m, X, LIMEOptions{Seed: 3, Samples: 200, FirstRow: first})
			}
			if err != nil {
				t.Fatal(err)
			}
			return ex
		}
		whole, err := explainer(0).Explain(rows)
		if err != nil {
			t.Fatal(err)
		}
		var parts []*Explanation
		for _, cut := range [][2]int{{0, 4}, {4, 5}, {5, 11}} {
			p, err := explainer(cut[0]).Explain(rows[cut[0]:cut[1]])
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p)
		}
		merged, err := Merge(parts...)
		if err != nil {
			t.Fatal(err)
		}
		if encode(merged) != encode(whole) {
			t.Errorf("%s: merged shards differ from one call", method)
		}
		unshifted, _ := explainer(0).Explain(rows[4:5])
		if encode(unshifted) == encode(parts[1]) {
			t.Errorf("%s: FirstRow changed nothing", method)
		}
	}
	k, _ := NewKernel(m, bg, Options{Seed: 3})
	p, _ := NewPermutation(m, bg, Options{Seed: 3})
	a, _ := k.Explain(rows[:2])
	b, _ := p.Explain(rows[2:3])
	if _, err := Merge(a, b); err == nil || !strings.Contains(err.Error(), "part 2 differs from part 1 in its method") {
		t.Errorf("merging kernel and permutation: %v", err)
	}
	if _, err := NewKernel(m, bg, Options{FirstRow: -1}); err == nil {
		t.Error("FirstRow −1 accepted")
	}
}
