package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func col(v ...float64) [][]float64 {
	out := make([][]float64, len(v))
	for i, x := range v {
		out[i] = []float64{x}
	}
	return out
}

func near(t *testing.T, name string, got float64, err error, want float64) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestBinaryByHand(t *testing.T) {
	// scikit-learn's roc_auc_score example: AUC 0.75.
	y, p := []float64{0, 0, 1, 1}, col(0.1, 0.4, 0.35, 0.8)
	v, err := AUC(y, p)
	near(t, "auc", v, err, 0.75)
	// Threshold ½: predictions 0,0,0,1 → TP 1, FP 0, FN 1, TN 2.
	v, err = Accuracy(y, p)
	near(t, "accuracy", v, err, 0.75)
	pr, rc, f1, err := PrecisionRecallF1(y, p)
	near(t, "precision", pr, err, 1)
	near(t, "recall", rc, err, 0.5)
	near(t, "f1", f1, err, 2*0.5/1.5)
	v, err = LogLoss(y, p)
	near(t, "log-loss", v, err, -(math.Log(0.9)+math.Log(0.6)+math.Log(0.35)+math.Log(0.8))/4)
	// Two columns: column 1 is P(y=1), the same answers.
	two := [][]float64{{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35}, {0.2, 0.8}}
	v, err = AUC(y, two)
	near(t, "auc, two columns", v, err, 0.75)
	v, err = LogLoss(y, two)
	near(t, "log-loss, two columns", v, err, -(math.Log(0.9)+math.Log(0.6)+math.Log(0.35)+math.Log(0.8))/4)
	// Ties count one half.
	v, err = AUC([]float64{0, 1}, col(0.5, 0.5))
	near(t, "auc ties", v, err, 0.5)
}

func TestMulticlassAndRegressionByHand(t *testing.T) {
	p := [][]float64{{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.2, 0.6}}
	y := []float64{0, 1, 2, 2}
	v, err := Accuracy(y, p)
	near(t, "accuracy", v, err, 0.75)
	// Per class (precision, recall): 0 → (1, 1); 1 → (1/2, 1); 2 → (1, 1/2).
	pr, rc, f1, err := PrecisionRecallF1(y, p)
	near(t, "precision", pr, err, (1+0.5+1)/3)
	near(t, "recall", rc, err, (1+1+0.5)/3)
	near(t, "f1", f1, err, (1+2.0/3+2.0/3)/3)
	v, err = LogLoss(y, p)
	near(t, "log-loss", v, err, -(math.Log(0.7)+math.Log(0.8)+math.Log(0.3)+math.Log(0.6))/4)
	// One-vs-rest: class 0 scores 0.7 vs {0.1,0.3,0.2} → 1; class 1: 0.8 vs
	// {0.2,0.4,0.2} → 1; class 2: {0.3,0.6} vs {0.1,0.1} → 1.
	v, err = AUC(y, p)
	near(t, "auc", v, err, 1)

	v, err = RMSE(col(1, 3, 3), col(1, 2, 4))
	near(t, "rmse", v, err, math.Sqrt(2.0/3))
	v, err = MSE(col(1, 3, 3), col(1, 2, 4))
	near(t, "mse", v, err, 2.0/3)
	v, err = MAE(col(1, 3, 3), col(1, 2, 4))
	near(t, "mae", v, err, 2.0/3)
	// ȳ = 7/3, SST = 24/9, SSE = 2 → R² = 1 − 18/24.
	v, err = R2(col(1, 3, 3), col(1, 2, 4))
	near(t, "r2", v, err, 1-18.0/24)
	// Two outputs are averaged: the second is predicted exactly (R² 1).
	v, err = R2([][]float64{{1, 0}, {3, 1}, {3, 2}}, [][]float64{{1, 0}, {2, 1}, {4, 2}})
	near(t, "r2, two outputs", v, err, (1-18.0/24+1)/2)
}

// TestAUCIsMannWhitney checks AUC against the pairwise definition on random
// scores with many ties.
func TestAUCIsMannWhitney(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 2 + r.IntN(40)
		y := make([]float64, n)
		p := make([][]float64, n)
		for i := range y {
			y[i] = float64(r.IntN(2))
			p[i] = []float64{float64(r.IntN(6)) / 5}
		}
		y[0], y[1] = 0, 1
		var pairs, wins float64
		for i := range y {
			for j := range y {
				if y[i] == 1 && y[j] == 0 {
					pairs++
					switch {
					case p[i][0] > p[j][0]:
						wins++
					case p[i][0] == p[j][0]:
						wins += 0.5
					}
				}
			}
		}
		v, err := AUC(y, p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v-wins/pairs) > 1e-12 {
			t.Fatalf("trial %d: AUC %v, pairwise %v", trial, v, wins/pairs)
		}
	}
}

func TestUndefinedAndBadInput(t *testing.T) {
	if _, err := AUC([]float64{1, 1}, col(0.2, 0.7)); !errors.Is(err, ErrUndefined) {
		t.Errorf("AUC on one class: %v, want ErrUndefined", err)
	}
	if _, err := R2(col(2, 2), col(1, 3)); !errors.Is(err, ErrUndefined) {
		t.Errorf("R² on constant targets: %v, want ErrUndefined", err)
	}
	for name, err := range map[string]error{
		"empty accuracy":  second(Accuracy(nil, nil)),
		"empty mse":       second(MSE(nil, nil)),
		"short":           second(Accuracy([]float64{0, 1}, col(0.5))),
		"ragged":          second(LogLoss([]float64{0, 1}, [][]float64{{0.5, 0.5}, {1}})),
		"nan":             second(AUC([]float64{0, 1}, col(math.NaN(), 0.5))),
		"bad class":       second(Accuracy([]float64{0, 2}, col(0.2, 0.5))),
		"fractional":      second(Accuracy([]float64{0, 0.5}, col(0.2, 0.5))),
		"target nan":      second(MAE(col(math.NaN()), col(1))),
		"target ragged":   second(R2([][]float64{{1, 2}, {1}}, [][]float64{{1, 2}, {1, 2}})),
		"no outputs":      second(RMSE(col(1), [][]float64{{}})),
		"prf short input": third(PrecisionRecallF1([]float64{1}, nil)),
	} {
		if err == nil || ErrUndefined == errors.Unwrap(err) || !strings.HasPrefix(err.Error(), "metrics: ") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

func second(_ float64, err error) error { return err }

func third(_, _, _ float64, err error) error { return err }

// TestQuantileIsNumPysDefault: numpy.percentile([1..8], [0, 25, 50, 75, 100])
// = [1, 2.75, 4.5, 6.25, 8]; one value is every quantile.
func TestQuantileIsNumPysDefault(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	for _, c := range []struct{ p, want float64 }{{0, 1}, {0.25, 2.75}, {0.5, 4.5}, {0.75, 6.25}, {1, 8}} {
		if got := Quantile(x, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Quantile(1..8, %v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := Quantile([]float64{3}, 0.3); got != 3 {
		t.Errorf("Quantile([3], 0.3) = %v", got)
	}
}
