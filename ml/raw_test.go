package ml_test

import (
	"math"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

var _ explain.Model = (*ml.RawModel)(nil)

// customersRun trains a small run on 400 synthetic customers (without the
// regression target "demand") and returns it with the table and its raw
// rows.
func customersRun(t *testing.T, seed int64) (*ml.Run, *data.Frame, [][]float64) {
	t.Helper()
	f, err := datasets.Customers(400, seed)
	if err != nil {
		t.Fatal(err)
	}
	f, err = f.Drop("demand")
	if err != nil {
		t.Fatal(err)
	}
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 2, Seed: 3, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := run.RawRows(f)
	if err != nil {
		t.Fatal(err)
	}
	return run, f, raw
}

func TestRawModelPredictsLikeTheEncodedModel(t *testing.T) {
	run, f, raw := customersRun(t, 3)
	if len(raw[0]) != len(run.Columns()) || len(run.Columns()) != 12 {
		t.Fatalf("raw width %d, columns %v", len(raw[0]), run.Columns())
	}
	if got := run.Categories("channel"); len(got) != 3 {
		t.Fatalf("channel categories = %v", got)
	}
	age := f.Index("age")
	ages, _ := f.Floats("age")
	if raw[5][age] != ages[5] {
		t.Fatalf("raw age %v, table says %v", raw[5][age], ages[5])
	}
	viaRaw, err := run.RawModel().Predict(raw)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := run.PredictFrame(f)
	if err != nil {
		t.Fatal(err)
	}
	for i := range direct {
		if math.Abs(viaRaw[i][0]-direct[i][0]) > 1e-6 {
			t.Fatalf("row %d: raw model %v, encoded model %v", i, viaRaw[i][0], direct[i][0])
		}
	}
	labels := run.CategoryLabels()
	for i, name := range run.Columns() {
		want := 0
		switch name {
		case "channel":
			want = 3
		case "region":
			want = 4
		case "discount_use":
			want = 2
		}
		if len(labels[i]) != want {
			t.Errorf("labels of %s = %v", name, labels[i])
		}
	}
	if _, err := run.RawModel().Predict([][]float64{{1, 2}}); err == nil {
		t.Error("a short row was accepted")
	}
}
