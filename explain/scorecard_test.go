package explain

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// logisticModel returns [P(y=0), P(y=1)] with log-odds w·x + b.
func logisticModel(w []float64, b float64) ModelFunc {
	eta := linearModel(w, b)
	return func(X [][]float64) ([][]float64, error) {
		out, err := eta(X)
		for i, v := range out {
			p := 1 / (1 + math.Exp(-v[0]))
			out[i] = []float64{1 - p, p}
		}
		return out, err
	}
}

func TestScorecardOnKnownEffects(t *testing.T) {
	// Synthetic customers: the true log-odds effects are known; x3 has none.
	truth := []float64{1.5, -1, 0.5, 0, -0.25}
	m := logisticModel(truth, -0.2)
	X := gaussianData(8, 12, make([]float64, 5), []float64{1, 1, 1, 1, 1})
	bg := gaussianData(9, 40, make([]float64, 5), []float64{1, 1, 1, 1, 1})
	o := ScorecardOptions{
		Method: "exact", Output: 1, GroundTruth: truth,
		SHAP: Options{Link: LinkLogit, FeatureNames: []string{"income", "debt", "tenure", "noise", "age"}},
		LIME: LIMEOptions{Samples: 2000},
	}
	sc, err := NewScorecard(m, X, bg, o)
	if err != nil {
		t.Fatal(err)
	}
	if sc.AdditivityError > 1e-9 {
		t.Errorf("additivity error %v of exact SHAP", sc.AdditivityError)
	}
	if sc.SHAPStabilityJaccard != 1 || math.Abs(sc.SHAPStabilitySpearman-1) > 1e-12 {
		t.Errorf("exact SHAP is deterministic; stability %v %v", sc.SHAPStabilityJaccard, sc.SHAPStabilitySpearman)
	}
	if sc.LIMEFidelity <= 0 || sc.LIMEFidelity > 1 || sc.LIMEStabilitySpearman <= 0 || sc.LIMEStabilitySpearman > 1+1e-12 {
		t.Errorf("LIME fidelity %v, stability %v", sc.LIMEFidelity, sc.LIMEStabilitySpearman)
	}
	if !(sc.Deletion.Area < sc.Deletion.RandomArea) || !(sc.Insertion.Area > sc.Insertion.RandomArea) {
		t.Errorf("SHAP order no better than random: deletion %v vs %v, insertion %v vs %v",
			sc.Deletion.Area, sc.Deletion.RandomArea, sc.Insertion.Area, sc.Insertion.RandomArea)
	}
	if sc.Deletion.Value[0] != 1 || math.Abs(sc.Deletion.Value[5]) > 1e-12 || sc.Insertion.Value[0] != 0 || math.Abs(sc.Insertion.Value[5]-1) > 1e-12 {
		t.Errorf("curve ends: deletion %v, insertion %v", sc.Deletion.Value, sc.Insertion.Value)
	}
	if *sc.GroundTruthSign != 1 || *sc.GroundTruthSpearman < 0.8 {
		t.Errorf("ground truth: rank %v, sign %v", *sc.GroundTruthSpearman, *sc.GroundTruthSign)
	}
	if sc.AgreementSpearman < 0.5 {
		t.Errorf("SHAP and LIME disagree on a logistic model: %v", sc.AgreementSpearman)
	}
	if len(sc.Criteria) != 12 {
		t.Fatalf("%d criteria, want 12", len(sc.Criteria))
	}
	for _, c := range sc.Criteria {
		if c.Meaning == "" || c.Threshold == "" {
			t.Errorf("criterion %q lacks meaning or threshold", c.Name)
		}
	}
	txt := sc.Text()
	for _, c := range sc.Criteria {
		if !strings.Contains(txt, c.Name) {
			t.Errorf("text lacks %q", c.Name)
		}
	}
	raw, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	var back Scorecard
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.AdditivityError != sc.AdditivityError || !reflect.DeepEqual(back.Criteria, sc.Criteria) || *back.GroundTruthSign != 1 {
		t.Error("JSON round trip lost fields")
	}
	again, err := NewScorecard(m, X, bg, o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Criteria, sc.Criteria) {
		t.Error("same options, different scorecard")
	}
}

func TestScorecardKernelAndPermutation(t *testing.T) {
	m := linearModel([]float64{2, -1, 0.5, 0}, 1)
	X := gaussianData(3, 5, make([]float64, 4), []float64{1, 1, 1, 1})
	bg := gaussianData(4, 20, make([]float64, 4), []float64{1, 1, 1, 1})
	for _, method := range []string{"kernel", "permutation"} {
		sc, err := NewScorecard(m, X, bg, ScorecardOptions{Method: method, LIME: LIMEOptions{Samples: 500}, TopK: 2})
		if err != nil {
			t.Fatal(err)
		}
		// A linear model has no interactions: every explainer is exact.
		if sc.AdditivityError > 1e-9 || sc.SHAPStabilitySpearman < 1-1e-9 || sc.GroundTruthSpearman != nil {
			t.Errorf("%s: additivity %v, stability %v", method, sc.AdditivityError, sc.SHAPStabilitySpearman)
		}
		if sc.Method != method || len(sc.Criteria) != 10 || !strings.Contains(sc.Criteria[2].Name, "top-2") {
			t.Errorf("%s: method %q, %d criteria", method, sc.Method, len(sc.Criteria))
		}
	}
}

func TestFaithfulnessCurvesClosedForm(t *testing.T) {
	// f = 3·x0 − 2·x1 + x2 at x = (1, 1, 1), mean row 0: attributions
	// (3, −2, 1), f(x) − f(0) = 2 > 0, so the most supporting order is
	// x0, x2, x1. Deletion: f = 2, −1, −2, 0; insertion: 0, 3, 4, 2.
	m := linearModel([]float64{3, -2, 1}, 0)
	del, ins, err := faithfulnessCurves(m, [][]float64{{1, 1, 1}}, [][]float64{{3, -2, 1}}, []float64{0, 0, 0}, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantDel := []float64{1, -0.5, -1, 0}
	wantIns := []float64{0, 1.5, 2, 1}
	for k := range wantDel {
		if math.Abs(del.Value[k]-wantDel[k]) > 1e-12 || math.Abs(ins.Value[k]-wantIns[k]) > 1e-12 {
			t.Errorf("step %d: deletion %v insertion %v, want %v %v", k, del.Value[k], ins.Value[k], wantDel[k], wantIns[k])
		}
	}
	// Trapezoid over fractions 0, 1/3, 2/3, 1.
	if math.Abs(del.Area+1.0/3) > 1e-12 || math.Abs(ins.Area-4.0/3) > 1e-12 || del.Rows != 1 {
		t.Errorf("areas %v %v, want −1/3 and 4/3", del.Area, ins.Area)
	}
	// A row below the mean row is mirrored: x = (−1, −1, −1), same curves.
	del2, ins2, err := faithfulnessCurves(m, [][]float64{{-1, -1, -1}}, [][]float64{{-3, 2, -1}}, []float64{0, 0, 0}, 0, 1)
	if err != nil || !reflect.DeepEqual(del2.Value, del.Value) || !reflect.DeepEqual(ins2.Value, ins.Value) {
		t.Errorf("mirrored row: %v %v (%v)", del2.Value, ins2.Value, err)
	}
	// A row equal to the mean carries no signal and is skipped.
	del, _, err = faithfulnessCurves(m, [][]float64{{0, 0, 0}}, [][]float64{{0, 0, 0}}, []float64{0, 0, 0}, 0, 1)
	if err != nil || del.Rows != 0 {
		t.Errorf("flat row counted: %+v %v", del, err)
	}
}

func TestRankHelpers(t *testing.T) {
	if got := ranks([]float64{10, 30, 20, 30}); !reflect.DeepEqual(got, []float64{1, 3.5, 2, 3.5}) {
		t.Errorf("ranks %v", got)
	}
	if got := spearman([]float64{1, 2, 3, 4}, []float64{10, 20, 30, 45}); math.Abs(got-1) > 1e-12 {
		t.Errorf("spearman of monotone data %v", got)
	}
	if got := spearman([]float64{1, 2, 3}, []float64{3, 2, 1}); math.Abs(got+1) > 1e-12 {
		t.Errorf("spearman of reversed data %v", got)
	}
	if got := spearman([]float64{1, 1}, []float64{1, 2}); got != 0 {
		t.Errorf("spearman with a constant %v", got)
	}
	if got := jaccard([]int{1, 2, 3}, []int{2, 3, 4}); got != 0.5 {
		t.Errorf("jaccard %v", got)
	}
	if got := topK([]float64{0.1, -5, 2}, 2); !reflect.DeepEqual(got, []int{1, 2}) {
		t.Errorf("topK %v", got)
	}
}

func TestScorecardBadInput(t *testing.T) {
	m := linearModel([]float64{1, 1}, 0)
	X := [][]float64{{0, 1}, {1, 2}}
	for name, c := range map[string]struct {
		m    Model
		X    [][]float64
		bg   [][]float64
		o    ScorecardOptions
		want string
	}{
		"nil model":  {nil, X, X, ScorecardOptions{}, "model is nil"},
		"empty X":    {m, nil, X, ScorecardOptions{}, "X is empty"},
		"ragged X":   {m, [][]float64{{0, 1}, {1}}, X, ScorecardOptions{}, "X row 1 has 1 columns"},
		"empty bg":   {m, X, nil, ScorecardOptions{}, "background is empty"},
		"bg width":   {m, X, [][]float64{{1}}, ScorecardOptions{}, "background row 0 has 1 columns"},
		"method":     {m, X, X, ScorecardOptions{Method: "tree"}, "Method \"tree\""},
		"groups":     {m, X, X, ScorecardOptions{SHAP: Options{Groups: [][]int{{0, 1}}}}, "Groups"},
		"seeds":      {m, X, X, ScorecardOptions{Seeds: []int64{1}}, "at least 2"},
		"truth":      {m, X, X, ScorecardOptions{GroundTruth: []float64{1}}, "GroundTruth has 1 effects for 2"},
		"truth nan":  {m, X, X, ScorecardOptions{GroundTruth: []float64{1, math.NaN()}}, "GroundTruth row 0, column 1"},
		"output":     {m, X, X, ScorecardOptions{Output: 1}, "output 1 out of range"},
		"neg output": {m, X, X, ScorecardOptions{Output: -1}, "Output is -1"},
		"topk":       {m, X, X, ScorecardOptions{TopK: -1}, "TopK"},
		"model fails": {ModelFunc(func([][]float64) ([][]float64, error) { return nil, errors.New("boom") }),
			X, X, ScorecardOptions{}, "boom"},
	} {
		_, err := NewScorecard(c.m, c.X, c.bg, c.o)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, c.want)
		}
	}
}
