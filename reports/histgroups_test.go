package reports

import (
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

func TestGroupHistograms(t *testing.T) {
	rec := func(layer int, param string, epoch int) ml.HistogramRecord {
		return ml.HistogramRecord{Layer: layer, Param: param, Epoch: epoch, Edges: []float64{0, 1}, Counts: []int{3}}
	}
	bad := rec(0, "kernel", 9)
	bad.Edges = nil
	groups := GroupHistograms([]ml.HistogramRecord{rec(2, "bias", 2), rec(2, "kernel", 2), rec(0, "bias", 1),
		rec(2, "bias", 1), rec(0, "kernel", 1), bad})
	var got []string
	for _, g := range groups {
		s := g.Param
		for _, r := range g.Records {
			s += string(rune('0' + r.Epoch))
		}
		got = append(got, string(rune('0'+g.Layer))+s)
	}
	want := []string{"0kernel1", "0bias1", "2kernel2", "2bias12"}
	if len(got) != len(want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("groups %v, want %v", got, want)
		}
	}
	if title := groups[0].Title([]ml.Layer{ml.Dense(4, ml.ReLU, 2)}); title != "layer 0 · dense 4 relu · kernel / 权重" {
		t.Errorf("title %q", title)
	}
}
