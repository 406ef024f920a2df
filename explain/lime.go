package explain

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

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
// LimeTabularExplainer default, explaining model output 0.
type LIMEOptions struct {
	// Samples is the neighbourhood size, the instance included; 0 means 5000.
	Samples int
	// Seed makes every call reproducible: row i of a call is explained with
	// a stream derived from (Seed, i) alone.
	Seed int64
	// FeatureNames label the features; default "x0", "x1", ….
	FeatureNames []string
	// Output is the model output (column of Predict) that is explained. For
	// a classifier returning class probabilities it is the class whose
	// probability is explained (lime's default label is 1); for a
	// regressor or a one-column probability, 0.
	Output int
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
	// Workers explain rows concurrently; 0 means GOMAXPROCS.
	Workers int
	// Categories, when set, has one entry per feature: a non-nil
	// Categories[j] makes feature j categorical (lime's
	// categorical_features), its values being codes 0, 1, … that name
	// Categories[j][code]. A categorical feature is perturbed by drawing a
	// code with its training frequency, enters the surrogate as 1 when the
	// draw equals the instance's code, and is described "name=category" —
	// with or without discretisation of the other features.
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
	m         Model
	o         LIMEOptions
	names     []string
	bins      []limeBins // per feature: quartiles or categories; nil for a Gaussian feature
	mean, std []float64  // per feature, used by the Gaussian (NoDiscretize) features
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
	if err := countOption("LIMEOptions.Samples", &o.Samples, 5000); err != nil {
		return nil, err
	}
	if o.Samples < 2 {
		return nil, fmt.Errorf("explain: LIMEOptions.Samples is %d; want ≥ 2 (0 = 5000)", o.Samples)
	}
	if o.Output < 0 {
		return nil, fmt.Errorf("explain: LIMEOptions.Output is %d; want ≥ 0", o.Output)
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
	if err := countOption("LIMEOptions.Workers", &o.Workers, runtime.GOMAXPROCS(0)); err != nil {
		return nil, err
	}
	names := o.FeatureNames
	if names == nil {
		names = defaultNames("x", nf)
	} else if len(names) != nf {
		return nil, fmt.Errorf("explain: LIMEOptions.FeatureNames has %d names for %d columns", len(names), nf)
	}
	if o.Categories != nil && len(o.Categories) != nf {
		return nil, fmt.Errorf("explain: LIMEOptions.Categories has %d entries for %d columns", len(o.Categories), nf)
	}
	l := &LIME{m: m, o: o, names: append([]string(nil), names...), bins: make([]limeBins, nf),
		mean: make([]float64, nf), std: make([]float64, nf)}
	col := make([]float64, len(training))
	for j := range nf {
		for i, r := range training {
			col[i] = r[j]
		}
		switch {
		case o.Categories != nil && o.Categories[j] != nil:
			b, err := newCategoryBins(col, o.Categories[j])
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

// LIMEFeature is one feature kept by the surrogate.
type LIMEFeature struct {
	Index       int     `json:"index"`
	Name        string  `json:"name"`
	Description string  `json:"description"` // the bin, e.g. "1.00 < age <= 2.00", or the name
	Value       float64 `json:"value"`       // the instance's value
	Weight      float64 `json:"weight"`      // the surrogate's coefficient
}

// LIMEExplanation is LIME's answer for one row and one output.
type LIMEExplanation struct {
	// Features are the kept features by decreasing |Weight|.
	Features []LIMEFeature `json:"features"`
	// Weights per feature (0 when not kept): with discretisation the effect
	// of being in the instance's quartile bin; without, the effect of one
	// training standard deviation.
	Weights   []float64 `json:"weights"`
	Intercept float64   `json:"intercept"`
	// LocalPrediction is the surrogate at the instance (intercept + Σ kept
	// weights·z); ModelPrediction is the model's own output there.
	LocalPrediction float64 `json:"local_prediction"`
	ModelPrediction float64 `json:"model_prediction"`
	// Fidelity is the surrogate's weighted R² on the neighbourhood, in [0, 1].
	Fidelity     float64   `json:"fidelity"`
	Output       int       `json:"output"`
	Row          int       `json:"row"`
	Seed         int64     `json:"seed"` // Options.Seed; the row's stream derives from (Seed, Row)
	Samples      int       `json:"samples"`
	KernelWidth  float64   `json:"kernel_width"`
	Discretized  bool      `json:"discretized"`
	FeatureNames []string  `json:"feature_names"`
	Instance     []float64 `json:"instance"`
	// Categories is LIMEOptions.Categories: the names of categorical codes.
	Categories [][]string `json:"categories,omitempty"`
}

// Explain explains one instance as row 0 of ExplainRows.
func (l *LIME) Explain(x []float64) (*LIMEExplanation, error) {
	es, err := l.ExplainRows([][]float64{x})
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// ExplainRows explains every row of X, concurrently across Workers; row i
// uses the random stream seeded by (Seed, i) only, so results do not depend
// on Workers or on the other rows.
func (l *LIME) ExplainRows(X [][]float64) ([]*LIMEExplanation, error) {
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
	out := make([]*LIMEExplanation, len(X))
	err := parallelFor(len(X), l.o.Workers, func(i int) (err error) {
		out[i], err = l.explainRow(X[i], i)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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

// parallelFor calls f(0) … f(n−1) from up to workers goroutines and
// returns the errors joined.
func parallelFor(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

func (l *LIME) explainRow(x []float64, row int) (*LIMEExplanation, error) {
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
	eng := &engine{model: l.m, outputs: -1}
	pred, err := eng.predict(inputs)
	if err != nil {
		return nil, fmt.Errorf("%w (LIME, explaining row %d)", err, row)
	}
	if l.o.Output >= eng.outputs {
		return nil, fmt.Errorf("explain: LIME Output = %d is out of range: the model has %d outputs", l.o.Output, eng.outputs)
	}
	y := make([]float64, n)
	for s, p := range pred {
		y[s] = p[l.o.Output]
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
		return nil, fmt.Errorf("explain: LIME row %d: KernelWidth %v gives every sample weight 0; widen it", row, l.o.KernelWidth)
	}
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
		used = make([]int, nf)
		for j := range used {
			used[j] = j
		}
	}
	coef, intercept, r2 := mom.ridge(used, l.o.Alpha)
	e := &LIMEExplanation{
		Weights: make([]float64, nf), Intercept: intercept, LocalPrediction: intercept,
		ModelPrediction: y[0], Fidelity: r2, Output: l.o.Output, Row: row, Seed: l.o.Seed,
		Samples: n, KernelWidth: l.o.KernelWidth, Discretized: !l.o.NoDiscretize,
		FeatureNames: l.names, Instance: append([]float64(nil), x...), Categories: l.o.Categories,
	}
	for k, j := range used {
		e.Weights[j] = coef[k]
		e.LocalPrediction += coef[k] * z[0][j]
		desc := l.names[j]
		if l.bins[j] != nil {
			desc = l.bins[j].describe(l.names[j], own[j])
		}
		e.Features = append(e.Features, LIMEFeature{Index: j, Name: l.names[j], Description: desc, Value: x[j], Weight: coef[k]})
	}
	kept := make([]float64, len(e.Features))
	for k, f := range e.Features {
		kept[k] = f.Weight
	}
	sorted := make([]LIMEFeature, len(kept))
	for k, i := range orderByMagnitude(kept) {
		sorted[k] = e.Features[i]
	}
	e.Features = sorted
	return e, nil
}
