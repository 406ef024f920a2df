package explain

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestSampleBackground(t *testing.T) {
	data := make([][]float64, 50)
	for i := range data {
		data[i] = []float64{float64(i), -float64(i)}
	}
	a, err := SampleBackground(data, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := SampleBackground(data, 10, 3)
	c, _ := SampleBackground(data, 10, 4)
	if len(a) != 10 || !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, c) {
		t.Errorf("sample: %v / %v / %v", a, b, c)
	}
	seen := map[float64]bool{}
	for i, row := range a {
		if seen[row[0]] || row[1] != -row[0] || (i > 0 && row[0] < a[i-1][0]) {
			t.Errorf("rows must be distinct original rows in order: %v", a)
		}
		seen[row[0]] = true
	}
	a[0][0] = 99
	if data[int(b[0][0])][0] == 99 {
		t.Error("SampleBackground returned rows aliasing data")
	}
	all, _ := SampleBackground(data, 80, 1)
	if !reflect.DeepEqual(all, data) {
		t.Error("n ≥ len(data) should return every row")
	}
	if _, err := SampleBackground(data, 0, 1); err == nil {
		t.Error("n = 0 accepted")
	}
	if _, err := SampleBackground(nil, 3, 1); err == nil {
		t.Error("empty data accepted")
	}
}

func TestKMeans(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	// Two well-separated clusters of 30 and 10 rows; column 2 is one-hot-like.
	var data [][]float64
	for i := range 40 {
		cx, hot := 0.0, 0.0
		if i >= 30 {
			cx, hot = 10, 1
		}
		data = append(data, []float64{cx + 0.1*rng.NormFloat64(), cx + 0.1*rng.NormFloat64(), hot})
	}
	centres, w, err := KMeans(data, 2, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(centres) != 2 || len(w) != 2 {
		t.Fatalf("got %d centres, %d weights", len(centres), len(w))
	}
	big, small := 0, 1
	if w[1] > w[0] {
		big, small = 1, 0
	}
	if math.Abs(w[big]-0.75) > 1e-12 || math.Abs(w[small]-0.25) > 1e-12 {
		t.Errorf("weights %v, want 0.75 and 0.25", w)
	}
	if math.Abs(centres[big][0]) > 0.3 || math.Abs(centres[small][0]-10) > 0.3 || centres[big][2] != 0 || centres[small][2] != 1 {
		t.Errorf("centres %v", centres)
	}
	for _, c := range centres {
		for j, v := range c {
			found := false
			for _, row := range data {
				found = found || row[j] == v
			}
			if !found {
				t.Errorf("centre value %v of column %d is not a data value", v, j)
			}
		}
	}
	again, w2, _ := KMeans(data, 2, 5)
	if !reflect.DeepEqual(centres, again) || !reflect.DeepEqual(w, w2) {
		t.Error("KMeans is not deterministic for a seed")
	}
	// The summary is a valid weighted background.
	if _, err := NewExact(ModelFunc(sumModel), centres, Options{BackgroundWeights: w}); err != nil {
		t.Error(err)
	}
	// More clusters than distinct rows: the distinct rows with frequencies.
	dup := [][]float64{{1, 1}, {1, 1}, {1, 1}, {2, 2}}
	c, w3, _ := KMeans(dup, 4, 1)
	if len(c) != 2 || w3[0]+w3[1] != 1 || math.Abs(w3[0]-0.75)*math.Abs(w3[0]-0.25) > 1e-12 {
		t.Errorf("duplicates: %v %v", c, w3)
	}
	if _, _, err := KMeans(dup, 0, 1); err == nil {
		t.Error("k = 0 accepted")
	}
	if _, _, err := KMeans([][]float64{{1, 2}, {1}}, 2, 1); err == nil {
		t.Error("ragged data accepted")
	}
}
