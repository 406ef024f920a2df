package explain

import (
	"errors"
	"fmt"
	"math"
)

// ScorecardOptions configures NewScorecard. The zero value works: Kernel SHAP
// and LIME with their defaults, output 0, seeds 0, 1, 2, top 5.
type ScorecardOptions struct {
	// Method is the SHAP explainer evaluated: "kernel" (default), "exact"
	// or "permutation".
	Method string
	// SHAP configures it (Samples, FeatureNames, Workers, Link, …); its Seed
	// is replaced by each of Seeds in turn. Groups are not supported: LIME
	// and the curves work on columns.
	SHAP Options
	// LIME configures the LIME runs; Output and Seed are set by the
	// scorecard and FeatureNames default to SHAP's.
	LIME LIMEOptions
	// Training is LIME's training data; nil means the background.
	Training [][]float64
	// Output is the model output evaluated.
	Output int
	// Seeds of the repeated runs for stability (at least 2 distinct); nil
	// means SHAP.Seed, SHAP.Seed+1, SHAP.Seed+2. Seeds[0] is the main run.
	Seeds []int64
	// TopK is the size of the top-feature sets compared; 0 means min(5, M).
	TopK int
	// GroundTruth, when set, holds one known signed effect per feature
	// (0 = no effect), compared with the SHAP explanation: its |values|
	// rank the features and its signs give the directions. Put effects on a
	// common scale, e.g. the log-odds change of a one-standard-deviation
	// move (ml/datasets' Effect.StandardizedLogit for the customer data).
	GroundTruth []float64
}

// Criterion is one line of the scorecard.
type Criterion struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	// Threshold states the pass condition, e.g. "≥ 0.50".
	Threshold string `json:"threshold"`
	// Pass is true when Value meets Threshold; otherwise the line is a warning.
	Pass bool `json:"pass"`
	// Meaning explains the line to an analyst in one sentence.
	Meaning string `json:"meaning"`
}

// Scorecard is the transparency evaluation of one model on one set of rows.
type Scorecard struct {
	Method   string `json:"method"`
	Output   int    `json:"output"`
	Rows     int    `json:"rows"`
	Features int    `json:"features"`
	TopK     int    `json:"top_k"`
	// Criteria are the lines of the table, in the order below.
	Criteria []Criterion `json:"criteria"`

	// AdditivityError is max over rows of |Σφ + base − f(x)| (in the
	// explanation's link space) divided by max(1, max |f(x)|).
	AdditivityError float64 `json:"additivity_error"`
	// LIMEFidelity is the mean weighted R² of LIME's surrogates.
	LIMEFidelity float64 `json:"lime_fidelity"`
	// Stability between runs with different seeds, averaged over rows and
	// pairs of runs: Jaccard of the top-k sets, Spearman of |attribution|.
	SHAPStabilityJaccard  float64 `json:"shap_stability_jaccard"`
	SHAPStabilitySpearman float64 `json:"shap_stability_spearman"`
	LIMEStabilityJaccard  float64 `json:"lime_stability_jaccard"`
	LIMEStabilitySpearman float64 `json:"lime_stability_spearman"`
	// Deletion and Insertion are the faithfulness curves of the SHAP ranking.
	Deletion  FaithfulnessCurve `json:"deletion"`
	Insertion FaithfulnessCurve `json:"insertion"`
	// Agreement between SHAP and LIME per row, averaged: Spearman of
	// |values|, Jaccard of the top-k sets.
	AgreementSpearman float64 `json:"agreement_spearman"`
	AgreementJaccard  float64 `json:"agreement_jaccard"`
	// Ground-truth agreement (set only with GroundTruth): Spearman of mean
	// |SHAP| with |effect|, and the share of features with an effect whose
	// SHAP values move with the feature in the effect's direction.
	GroundTruthSpearman *float64 `json:"ground_truth_spearman,omitempty"`
	GroundTruthSign     *float64 `json:"ground_truth_sign,omitempty"`

	// SHAP and LIME are the main run's explanations (LIME's of the
	// evaluated output only).
	SHAP *Explanation `json:"-"`
	LIME *Explanation `json:"-"`
}

// NewScorecard runs a SHAP explainer and LIME on the rows of X with the given
// background and scores how far their explanations can be trusted:
//
//   - additivity: SHAP's efficiency, Σφ + base = f(x);
//   - LIME fidelity: how well LIME's local surrogate fits the model;
//   - stability: how much each explainer's answer moves with its seed;
//   - deletion and insertion: whether removing (inserting) features in
//     SHAP's order moves the prediction faster than a random order;
//   - SHAP–LIME agreement: whether two different methods rank alike;
//   - ground truth: with GroundTruth, whether SHAP recovers the known
//     importance ranking and effect directions.
//
// Each becomes a Criterion with a pass threshold and a plain-language
// meaning. Costs: len(Seeds) SHAP and LIME runs on X, plus 4·(M+1) model rows
// per row for the curves.
func NewScorecard(m Model, X, background [][]float64, o ScorecardOptions) (*Scorecard, error) {
	if m == nil {
		return nil, errors.New("explain: model is nil")
	}
	M, err := checkInput(X)
	if err != nil {
		return nil, err
	}
	if len(background) == 0 {
		return nil, errors.New("explain: background is empty: at least one row is needed")
	}
	if err := checkMatrix("background", background, M); err != nil {
		return nil, err
	}
	if o.SHAP.Groups != nil {
		return nil, errors.New("explain: NewScorecard does not support Options.Groups: LIME and the faithfulness curves work on columns")
	}
	newSHAP, err := scorecardExplainer(o.Method)
	if err != nil {
		return nil, err
	}
	if o.Output < 0 {
		return nil, fmt.Errorf("explain: ScorecardOptions.Output is %d; want ≥ 0", o.Output)
	}
	seeds := o.Seeds
	if seeds == nil {
		seeds = []int64{o.SHAP.Seed, o.SHAP.Seed + 1, o.SHAP.Seed + 2}
	}
	if len(seeds) < 2 {
		return nil, fmt.Errorf("explain: ScorecardOptions.Seeds has %d seeds; stability needs at least 2", len(seeds))
	}
	k := o.TopK
	if err := countOption("ScorecardOptions.TopK", &k, min(5, M)); err != nil {
		return nil, err
	}
	if o.GroundTruth != nil {
		if len(o.GroundTruth) != M {
			return nil, fmt.Errorf("explain: ScorecardOptions.GroundTruth has %d effects for %d features", len(o.GroundTruth), M)
		}
		if err := checkMatrix("GroundTruth", [][]float64{o.GroundTruth}, M); err != nil {
			return nil, err
		}
	}
	training := o.Training
	if training == nil {
		training = background
	}
	lo := o.LIME
	lo.Outputs = []int{o.Output}
	if lo.FeatureNames == nil {
		lo.FeatureNames = o.SHAP.FeatureNames
	}

	sc := &Scorecard{Method: o.Method, Output: o.Output, Rows: len(X), Features: M, TopK: k}
	if sc.Method == "" {
		sc.Method = "kernel"
	}
	shapRuns := make([][][]float64, len(seeds)) // [run][row][feature]
	limeRuns := make([][][]float64, len(seeds))
	for i, s := range seeds {
		so := o.SHAP
		so.Seed = s
		x, err := newSHAP(m, background, so)
		if err != nil {
			return nil, err
		}
		ex, err := x.Explain(X)
		if err != nil {
			return nil, err
		}
		if shapRuns[i], err = ex.Output(o.Output); err != nil {
			return nil, err
		}
		lo.Seed = s
		l, err := NewLIME(m, training, lo)
		if err != nil {
			return nil, err
		}
		le, err := l.Explain(X)
		if err != nil {
			return nil, err
		}
		if limeRuns[i], err = le.Output(0); err != nil {
			return nil, err
		}
		if i == 0 {
			sc.SHAP, sc.LIME = ex, le
		}
	}
	if sc.AdditivityError, err = additivityError(m, X, sc.SHAP, o.Output); err != nil {
		return nil, err
	}
	for _, s := range sc.LIME.Surrogates {
		sc.LIMEFidelity += s[0].Fidelity / float64(len(X))
	}
	sc.SHAPStabilityJaccard, sc.SHAPStabilitySpearman = stability(shapRuns, k)
	sc.LIMEStabilityJaccard, sc.LIMEStabilitySpearman = stability(limeRuns, k)
	for r := range X {
		sc.AgreementSpearman += spearman(absAll(shapRuns[0][r]), absAll(limeRuns[0][r])) / float64(len(X))
		sc.AgreementJaccard += jaccard(topK(shapRuns[0][r], k), topK(limeRuns[0][r], k)) / float64(len(X))
	}
	mean := make([]float64, M)
	for _, b := range background {
		for j, v := range b {
			mean[j] += v / float64(len(background))
		}
	}
	if sc.Deletion, sc.Insertion, err = faithfulnessCurves(m, X, shapRuns[0], mean, o.Output, seeds[0]); err != nil {
		return nil, err
	}
	if o.GroundTruth != nil {
		rank, sign := groundTruthAgreement(X, shapRuns[0], o.GroundTruth)
		sc.GroundTruthSpearman, sc.GroundTruthSign = &rank, &sign
	}
	sc.Criteria = sc.criteria()
	return sc, nil
}

func scorecardExplainer(method string) (func(Model, [][]float64, Options) (Explainer, error), error) {
	switch method {
	case "", "kernel":
		return NewKernel, nil
	case "exact":
		return NewExact, nil
	case "permutation":
		return NewPermutation, nil
	}
	return nil, fmt.Errorf("explain: ScorecardOptions.Method %q unknown; want \"kernel\", \"exact\" or \"permutation\"", method)
}

// additivityError is max_r |Σφ + base − link(f(x_r))| / max(1, max_r |link(f(x_r))|)
// for one output.
func additivityError(m Model, X [][]float64, ex *Explanation, o int) (float64, error) {
	fx, err := predict(m, X, 0)
	if err != nil {
		return 0, err
	}
	worst, scale := 0.0, 1.0
	for r := range X {
		y := fx[r][o]
		if ex.Link == LinkLogit {
			y = math.Log(y / (1 - y))
		}
		worst = math.Max(worst, math.Abs(ex.Prediction(r, o)-y))
		scale = math.Max(scale, math.Abs(y))
	}
	return worst / scale, nil
}

// stability averages, over rows and pairs of runs, the Jaccard index of the
// top-k features and the Spearman correlation of |attribution|.
func stability(runs [][][]float64, k int) (jac, rho float64) {
	pairs := 0
	for a := range runs {
		for b := a + 1; b < len(runs); b++ {
			for r := range runs[a] {
				jac += jaccard(topK(runs[a][r], k), topK(runs[b][r], k))
				rho += spearman(absAll(runs[a][r]), absAll(runs[b][r]))
				pairs++
			}
		}
	}
	return jac / float64(pairs), rho / float64(pairs)
}

// groundTruthAgreement compares SHAP values phi [row][feature] with known
// effects: the Spearman correlation of mean |φ_j| with |effect_j|, and the
// share of features with a non-zero effect whose φ_j correlates with x_j in
// the effect's sign (a constant feature counts as a disagreement).
func groundTruthAgreement(X, phi [][]float64, truth []float64) (rank, sign float64) {
	M := len(truth)
	imp := make([]float64, M)
	for _, row := range phi {
		for j, v := range row {
			imp[j] += math.Abs(v) / float64(len(phi))
		}
	}
	rank = spearman(imp, absAll(truth))
	agree, with := 0, 0
	xs, ps := make([]float64, len(X)), make([]float64, len(X))
	for j, t := range truth {
		if t == 0 {
			continue
		}
		with++
		for r := range X {
			xs[r], ps[r] = X[r][j], phi[r][j]
		}
		if c := correlation(xs, ps); c != 0 && (c > 0) == (t > 0) {
			agree++
		}
	}
	if with == 0 {
		return rank, 1
	}
	return rank, float64(agree) / float64(with)
}
