package explain

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// FeatureSelection chooses which features LIME's surrogate keeps.
type FeatureSelection string

// The feature selections of lime's LimeBase.
const (
	// SelectAuto is forward selection when NumFeatures ≤ 6, else highest weights.
	SelectAuto FeatureSelection = "auto"
	// SelectForward adds, one at a time, the feature that most raises the
	// weighted R² of an unpenalised fit.
	SelectForward FeatureSelection = "forward_selection"
	// SelectHighestWeights keeps the largest |β_j·z_j| of a ridge (α=0.01) on all features.
	SelectHighestWeights FeatureSelection = "highest_weights"
	// SelectNone keeps every feature (NumFeatures is ignored).
	SelectNone FeatureSelection = "none"
)

// LIMEOptions configures LIME. The zero value is marcotcr/lime's
// LimeTabularExplainer default, explaining every model output.
type LIMEOptions struct {
	// Samples is the neighbourhood size, the instance included; 0 means 5000.
	Samples int
	// Seed makes every call reproducible: row i of a call is explained with
	// a stream derived from (Seed, FirstRow + i) alone.
	Seed int64
	// FirstRow is the index of X[0] among all the rows being explained, as
	// Options.FirstRow: shards explained with their first row's index merge
	// into what one call gives.
	FirstRow int
	// FeatureNames label the features; nil means the model's own names
	// (Described), else "x0", "x1", ….
	FeatureNames []string
	// Outputs lists the model outputs (columns of Predict) explained, each
	// by its own surrogate on the same neighbourhood; nil means all of them.
	Outputs []int
	// OutputNames names every model output; nil means the model's own
	// names (Described), else y0, y1, ….
	OutputNames []string
	// NumFeatures is the most features the surrogate keeps; 0 means 10.
	NumFeatures int
	// Selection is the feature selection; "" means SelectAuto.
	Selection FeatureSelection
	// KernelWidth w of the similarity kernel; 0 means 0.75·√M.
	KernelWidth float64
	// NoDiscretize turns lime's quartile discretisation off
	// (discretize_continuous=False): features are then perturbed by
	// Gaussian noise around the training mean and the surrogate is linear
	// in the standardised features.
	NoDiscretize bool
	// Alpha is the surrogate ridge penalty; 0 means 1 (lime's Ridge(alpha=1)).
	Alpha float64
	// Workers explain rows concurrently; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called as rows are explained, as
	// Options.Progress is.
	Progress func(done, total int)
	// Categories, when set (nil means the model's own, Categorized), has
	// one entry per feature: a non-nil Categories[j] makes feature j
	// categorical (lime's categorical_features), its values being codes
	// 0, 1, … that name Categories[j][code]. A categorical feature is
	// perturbed by drawing a code with its training frequency, enters the
	// surrogate as 1 when the draw equals the instance's code, and is
	// described "name=category" — with or without discretisation of the
	// other features.
	Categories [][]string
}

// LIME explains single predictions with local linear surrogates, following
// Ribeiro et al. (2016) as implemented in marcotcr/lime's LimeTabularExplainer.
//
// With discretisation (the default) every feature is cut at the quartiles of
// the training data. A neighbourhood sample draws, for each feature, a
// quartile bin with its training frequency and a value inside that bin from
// the training values' normal distribution truncated to the bin; the
// surrogate's input is z_j = 1 when the sample falls in the same bin as the
// instance, else 0. Without discretisation a sample is x̄ + σ·N(0, I) (training
// mean and standard deviation) and z = (x − x̄)/σ.
//
// Each sample gets weight π(z) = √exp(−d²/w²) = exp(−d²/(2w²)), d the
// Euclidean distance from z to the instance's z (lime's kernel, which takes
// the square root of exp(−d²/w²)), w = 0.75·√M. The surrogate is a ridge
// regression (α = 1, unpenalised intercept) of the chosen model output on
// the selected z columns under the weights π.
type LIME struct {
	m          Model
	o          LIMEOptions
	names      []string
	categories [][]string
	bins       []limeBins // per feature: quartiles or categories; nil for a Gaussian feature
	mean, std  []float64  // per feature, used by the Gaussian (NoDiscretize) features
}

// limeBins is how LIME discretises one feature: the bin of a value, a bin
// drawn with its training frequency, a value drawn inside a bin, and the
// bin's description. quartileBins and categoryBins implement it.
type limeBins interface {
	bin(v float64) int
	sampleBin(r *rand.Rand) int
	sampleValue(r *rand.Rand, b int) float64
	describe(name string, b int) string
}

// NewLIME prepares LIME from training data (rows × features, at least two
// rows, finite values): quartile bins, or mean and standard deviation
// (population; a constant feature gets scale 1), per feature.
func NewLIME(m Model, training [][]float64, o LIMEOptions) (*LIME, error) {
	if m == nil {
		return nil, errors.New("explain: model is nil")
	}
	if len(training) < 2 {
		return nil, fmt.Errorf("explain: training data has %d rows; LIME needs at least 2", len(training))
	}
	nf := len(training[0])
	if nf == 0 {
		return nil, errors.New("explain: training row 0 has no columns")
	}
	if err := checkMatrix("training", training, nf); err != nil {
		return nil, err
	}
	if o.FirstRow < 0 {
		return nil, fmt.Errorf("explain: LIMEOptions.FirstRow is %d; want ≥ 0", o.FirstRow)
	}
	if err := countOption("LIMEOptions.Samples", &o.Samples, 5000); err != nil {
		return nil, err
	}
	if o.Samples < 2 {
		return nil, fmt.Errorf("explain: LIMEOptions.Samples is %d; want ≥ 2 (0 = 5000)", o.Samples)
	}
	for _, k := range o.Outputs {
		if k < 0 {
			return nil, fmt.Errorf("explain: LIMEOptions.Outputs lists %d; want output indices ≥ 0", k)
		}
	}
	if err := countOption("LIMEOptions.NumFeatures", &o.NumFeatures, 10); err != nil {
		return nil, err
	}
	switch o.Selection {
	case "":
		o.Selection = SelectAuto
	case SelectAuto, SelectForward, SelectHighestWeights, SelectNone:
	default:
		return nil, fmt.Errorf("explain: LIMEOptions.Selection %q unknown", o.Selection)
	}
	for _, f := range []struct {
		name string
		v    *float64
		def  float64
	}{{"KernelWidth", &o.KernelWidth, 0.75 * math.Sqrt(float64(nf))}, {"Alpha", &o.Alpha, 1}} {
		if *f.v < 0 || math.IsNaN(*f.v) || math.IsInf(*f.v, 0) {
			return nil, fmt.Errorf("explain: LIMEOptions.%s is %v; want finite and ≥ 0 (0 = %.4g)", f.name, *f.v, f.def)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if o.KernelWidth*o.KernelWidth == 0 {
		return nil, fmt.Errorf("explain: LIMEOptions.KernelWidth is %v; its square underflows to 0", o.KernelWidth)
	}
	if o.Workers < 0 {
		return nil, fmt.Errorf("explain: LIMEOptions.Workers is %d; want ≥ 0 (0 = all cores)", o.Workers)
	}
	o.Workers = workers(o.Workers)
	names, err := featureNames(m, o.FeatureNames, nf, "LIMEOptions.FeatureNames")
	if err != nil {
		return nil, err
	}
	categories, err := categoryLabels(m, o.Categories, nf, "LIMEOptions.Categories")
	if err != nil {
		return nil, err
	}
	l := &LIME{m: m, o: o, names: append([]string(nil), names...), categories: categories,
		bins: make([]limeBins, nf), mean: make([]float64, nf), std: make([]float64, nf)}
	col := make([]float64, len(training))
	for j := range nf {
		for i, r := range training {
			col[i] = r[j]
		}
		switch {
		case categories != nil && categories[j] != nil:
			b, err := newCategoryBins(col, categories[j])
			if err != nil {
				return nil, fmt.Errorf("explain: LIME feature %d (%s): %w", j, names[j], err)
			}
			l.bins[j] = b
		case o.NoDiscretize:
			mu, sd := stat.PopMeanStdDev(col, nil)
			if sd == 0 {
				sd = 1
			}
			l.mean[j], l.std[j] = mu, sd
		default:
			q := newQuartileBins(col)
			l.bins[j] = &q
		}
	}
	return l, nil
}

// Explain explains every row of X with one surrogate per explained output
// (LIMEOptions.Outputs), concurrently across Workers; row i uses the random
// stream seeded by (Seed, i) only, so results do not depend on Workers or
// on the other rows. In the Explanation (Method "lime"):
//
//   - Values[r][j][o] is feature j's term in output o's surrogate at row r,
//     weight_j · z_j(x): with discretisation (the default) and for
//     categorical features z_j(x) = 1, so it is the weight itself — the
//     effect of being in the instance's bin or category; without, z_j(x) is
//     the standardised value. Features the surrogate did not keep are 0.
//   - BaseValues[r][o] is the surrogate's intercept, so that
//     Prediction(r, o) is the surrogate's prediction at the instance.
//   - Surrogates[r][o] holds the kept features, their conditions, the
//     model's own prediction and the fidelity (weighted R²).
func (l *LIME) Explain(X [][]float64) (*Explanation, error) {
	return l.explainJob(wholeJob(X), X)
}

func (l *LIME) explainJob(j job, X [][]float64) (*Explanation, error) {
	if l == nil {
		return nil, errors.New("explain: LIME is nil; use NewLIME")
	}
	nf := len(l.names)
	if len(X) == 0 {
		return nil, errors.New("explain: X is empty: no rows to explain")
	}
	if err := checkMatrix("X", X, nf); err != nil {
		return nil, err
	}
	rows := make([]limeRow, len(X))
	err := j.rows(len(X), l.o.Workers, l.o.Progress, func(i int) (err error) {
		rows[i], err = l.explainRow(X[i], l.o.FirstRow+j.first+i)
		return err
	})
	if err != nil {
		return nil, err
	}
	outputs := rows[0].outputs
	for i, r := range rows {
		if r.outputs != outputs {
			return nil, fmt.Errorf("explain: the model returned %d outputs for row %d and %d for row 0", r.outputs, i, outputs)
		}
	}
	allNames, err := outputNames(l.m, l.o.OutputNames, outputs, "LIMEOptions.OutputNames")
	if err != nil {
		return nil, err
	}
	explained := l.outputs(outputs)
	ex := &Explanation{
		Values: make([][][]float64, len(X)), BaseValues: make([][]float64, len(X)),
		Method: "lime", FeatureNames: append([]string(nil), l.names...),
		OutputNames: make([]string, len(explained)), Data: make([][]float64, len(X)),
		Link: LinkIdentity, Seed: l.o.Seed, Evaluations: int64(len(X) * l.o.Samples),
		Categories: l.categories, Surrogates: make([][]Surrogate, len(X)),
	}
	for k, o := range explained {
		ex.OutputNames[k] = allNames[o]
	}
	for i, r := range rows {
		ex.Values[i], ex.BaseValues[i], ex.Surrogates[i] = r.values, r.intercepts, r.surrogates
		ex.Data[i] = append([]float64(nil), X[i]...)
	}
	return ex, nil
}

// outputs returns the explained outputs of a model with k outputs.
func (l *LIME) outputs(k int) []int {
	if l.o.Outputs != nil {
		return l.o.Outputs
	}
	all := make([]int, k)
	for o := range all {
		all[o] = o
	}
	return all
}

// limeRow is LIME's answer for one row: values [feature][explained output],
// intercepts and surrogates per explained output, and the model's number
// of outputs.
type limeRow struct {
	values     [][]float64
	intercepts []float64
	surrogates []Surrogate
	outputs    int
}

// countOption checks a count option that must be ≥ 0, 0 meaning the default
// def, and sets the default.
func countOption(name string, v *int, def int) error {
	if *v < 0 {
		return fmt.Errorf("explain: %s is %d; want ≥ 0 (0 = %d)", name, *v, def)
	}
	if *v == 0 {
		*v = def
	}
	return nil
}

func (l *LIME) explainRow(x []float64, row int) (limeRow, error) {
	r := rowRand(l.o.Seed, row)
	n, nf := l.o.Samples, len(x)
	inputs := matrix(n, nf) // what the model sees
	z := matrix(n, nf)      // what the surrogate sees
	copy(inputs[0], x)
	own := make([]int, nf) // the instance's bins
	for j := range nf {
		if l.bins[j] == nil {
			z[0][j] = (x[j] - l.mean[j]) / l.std[j]
		} else {
			own[j] = l.bins[j].bin(x[j])
			z[0][j] = 1
		}
	}
	for s := 1; s < n; s++ {
		in, zs := inputs[s], z[s]
		for j := range nf {
			if l.bins[j] == nil {
				zs[j] = r.NormFloat64()
				in[j] = l.mean[j] + l.std[j]*zs[j]
				continue
			}
			b := l.bins[j].sampleBin(r)
			in[j] = l.bins[j].sampleValue(r, b)
			if b == own[j] {
				zs[j] = 1
			}
		}
	}
	pred, err := predict(l.m, inputs, 0)
	if err != nil {
		return limeRow{}, fmt.Errorf("%w (LIME, explaining row %d)", err, row)
	}
	res := limeRow{outputs: len(pred[0])}
	explained := l.outputs(res.outputs)
	for _, o := range explained {
		if o >= res.outputs {
			return limeRow{}, fmt.Errorf("explain: LIMEOptions.Outputs lists output %d; the model has %d outputs", o, res.outputs)
		}
	}
	w := make([]float64, n)
	width2 := l.o.KernelWidth * l.o.KernelWidth
	for s := range n {
		d2 := 0.0
		for j := range nf {
			d := z[s][j] - z[0][j]
			d2 += d * d
		}
		w[s] = math.Sqrt(math.Exp(-d2 / width2))
	}
	// Only the instance itself keeps weight when the kernel is far too
	// narrow for the neighbourhood: nothing to fit.
	if slices.Max(w[1:]) == 0 {
		return limeRow{}, fmt.Errorf("explain: LIME row %d: KernelWidth %v gives every sample weight 0; widen it", row, l.o.KernelWidth)
	}
	conditions := make([]string, nf)
	for j, name := range l.names {
		conditions[j] = name
		if l.bins[j] != nil {
			conditions[j] = l.bins[j].describe(name, own[j])
		}
	}
	res.values = matrix(nf, len(explained))
	y := make([]float64, n)
	for k, o := range explained {
		for s, p := range pred {
			y[s] = p[o]
		}
		fit := l.fit(z, y, w)
		sur := Surrogate{Weights: make([]float64, nf), Conditions: conditions,
			LocalPrediction: fit.intercept, ModelPrediction: y[0], Fidelity: fit.r2}
		for i, j := range fit.used {
			sur.Weights[j] = fit.coef[i]
			res.values[j][k] = fit.coef[i] * z[0][j]
			sur.LocalPrediction += res.values[j][k]
		}
		sur.Kept = make([]int, len(fit.used))
		for i, t := range orderByMagnitude(fit.coef) {
			sur.Kept[i] = fit.used[t]
		}
		res.intercepts = append(res.intercepts, fit.intercept)
		res.surrogates = append(res.surrogates, sur)
	}
	return res, nil
}

// limeFit is one weighted ridge surrogate: the kept columns, their
// coefficients, the intercept and the weighted R².
type limeFit struct {
	used      []int
	coef      []float64
	intercept float64
	r2        float64
}

// fit selects the features (LIMEOptions.Selection) and fits the ridge
// surrogate of y on the z columns under the weights w.
func (l *LIME) fit(z [][]float64, y, w []float64) limeFit {
	mom := newWeightedMoments(z, y, w)
	var used []int
	sel := l.o.Selection
	if sel == SelectAuto {
		sel = SelectHighestWeights
		if l.o.NumFeatures <= 6 {
			sel = SelectForward
		}
	}
	switch sel {
	case SelectForward:
		used = mom.forwardSelection(l.o.NumFeatures)
	case SelectHighestWeights:
		used = mom.highestWeights(z[0], l.o.NumFeatures)
	default:
		used = make([]int, len(z[0]))
		for j := range used {
			used[j] = j
		}
	}
	coef, intercept, r2 := mom.ridge(used, l.o.Alpha)
	return limeFit{used: used, coef: coef, intercept: intercept, r2: r2}
}
