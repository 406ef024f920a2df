package metrics

import (
	"errors"
	"math"
	"testing"
)

func TestPRCurveByHand(t *testing.T) {
	// scikit-learn's average_precision_score example: AP 0.8333….
	score := []float64{0.1, 0.4, 0.35, 0.8}
	pos := []bool{false, false, true, true}
	r, p, ap, err := PRCurve(score, pos)
	if err != nil {
		t.Fatal(err)
	}
	wantR, wantP := []float64{0.5, 0.5, 1, 1}, []float64{1, 0.5, 2.0 / 3, 0.5}
	for i := range wantR {
		if math.Abs(r[i]-wantR[i]) > 1e-12 || math.Abs(p[i]-wantP[i]) > 1e-12 {
			t.Fatalf("curve %v %v, want %v %v", r, p, wantR, wantP)
		}
	}
	if math.Abs(ap-5.0/6) > 1e-12 {
		t.Errorf("AP %v, want 5/6", ap)
	}
	// Ties are one threshold; all-equal scores give one point at the positive rate.
	r, p, ap, _ = PRCurve([]float64{0.5, 0.5, 0.5, 0.5}, []bool{true, false, false, false})
	if len(r) != 1 || r[0] != 1 || p[0] != 0.25 || ap != 0.25 {
		t.Errorf("ties: %v %v %v", r, p, ap)
	}
	if _, _, _, err := PRCurve([]float64{0.2, 0.3}, []bool{false, false}); !errors.Is(err, ErrUndefined) {
		t.Errorf("no positives: %v", err)
	}
	if _, _, _, err := PRCurve(nil, nil); err == nil {
		t.Errorf("empty: no error")
	}
}

func TestCalibrationBins(t *testing.T) {
	prob := []float64{0.05, 0.15, 0.25, 0.95, 1, 0.9}
	pos := []bool{false, false, true, true, true, false}
	bins, err := CalibrationBins(prob, pos, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bins[0].Count != 3 || math.Abs(bins[0].Predicted-0.15) > 1e-12 || math.Abs(bins[0].Observed-1.0/3) > 1e-12 {
		t.Errorf("bin 0: %+v", bins[0])
	}
	if bins[1].Count != 3 || math.Abs(bins[1].Predicted-2.85/3) > 1e-12 || math.Abs(bins[1].Observed-2.0/3) > 1e-12 || bins[1].Hi != 1 {
		t.Errorf("bin 1: %+v", bins[1])
	}
	bins, _ = CalibrationBins(prob, pos, 10)
	if bins[4].Count != 0 || !math.IsNaN(bins[4].Predicted) {
		t.Errorf("empty bin: %+v", bins[4])
	}
	for _, bad := range [][]float64{{1.5}, {math.NaN()}, {-0.1}} {
		if _, err := CalibrationBins(bad, []bool{true}, 5); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if _, err := CalibrationBins(prob, pos, 0); err == nil {
		t.Errorf("0 bins: no error")
	}
}

func TestScores(t *testing.T) {
	s, pos, err := Scores([]float64{0, 2, 1}, [][]float64{{.7, .2, .1}, {.1, .1, .8}, {.3, .4, .3}}, 2, 2)
	if err != nil || s[1] != .8 || !pos[1] || pos[0] {
		t.Errorf("%v %v %v", s, pos, err)
	}
	if _, _, err := Scores([]float64{0, 3}, [][]float64{{.5}, {.5}}, 0, 1); err == nil {
		t.Errorf("class 3 of 2: no error")
	}
}
