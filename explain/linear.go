package explain

import (
	"fmt"
	"math/rand/v2"
)

// LinkLinearPredictor is the Explanation.Link of NewLinear's explanations.
const LinkLinearPredictor = "linear predictor"

type linearExplainer struct {
	cfg      *config
	W        [][]float64
	mean     []float64 // Σ_b w_b·b, per column
	base     []float64 // η(mean)
	outNames []string
}

// NewLinear returns the closed-form Shapley explainer of a LinearModel. It
// explains the linear predictor η_o(x) = Σ_j W[o][j]·x_j + B[o] (the
// log-odds of a logistic regression, the output itself of a linear
// regression) with the background's weighted mean x̄ = Σ_b w_b·b:
//
//	φ_j = W[o][j]·(x_j − x̄_j),   base = η_o(x̄),   Σ_j φ_j + base = η_o(x).
//
// A group's value is the sum over its columns. For a model whose output is
// η itself these are exactly the values NewExact computes with the identity
// link; for a logistic model they differ from NewExact with the logit link,
// which explains logit(E_b[σ(η)]) rather than η. Options.Link must be empty
// or "identity", and Samples is ignored. No model rows are evaluated.
func NewLinear(m LinearModel, background [][]float64, o Options) (Explainer, error) {
	if m == nil {
		return nil, fmt.Errorf("explain: model is nil")
	}
	cfg, err := newConfig(m, background, o)
	if err != nil {
		return nil, err
	}
	if cfg.logit {
		return nil, fmt.Errorf("explain: NewLinear explains the linear predictor (already log-odds for a logistic model); leave Options.Link empty")
	}
	W, B := m.LinearPredictor()
	if len(W) == 0 || len(W) != len(B) {
		return nil, fmt.Errorf("explain: LinearPredictor returned %d weight rows and %d intercepts; want the same positive number", len(W), len(B))
	}
	if err := checkMatrix("LinearPredictor W", W, cfg.columns); err != nil {
		return nil, err
	}
	if err := checkMatrix("LinearPredictor B", [][]float64{B}, len(B)); err != nil {
		return nil, err
	}
	x := &linearExplainer{cfg: cfg, W: W, mean: make([]float64, cfg.columns), base: make([]float64, len(W))}
	for b, row := range background {
		for j, v := range row {
			x.mean[j] += cfg.weights[b] * v
		}
	}
	for o, w := range W {
		x.base[o] = B[o]
		for j, v := range x.mean {
			x.base[o] += w[j] * v
		}
	}
	if x.outNames, err = outputNames(m, o.OutputNames, len(W), "Options.OutputNames"); err != nil {
		return nil, err
	}
	return x, nil
}

// Explain computes the closed-form values of every row of X.
func (x *linearExplainer) Explain(X [][]float64) (*Explanation, error) {
	return x.explainJob(wholeJob(X), X)
}

func (x *linearExplainer) explainJob(j job, X [][]float64) (*Explanation, error) {
	e := &engine{cfg: x.cfg, outputs: len(x.W), outNames: x.outNames, base: x.base}
	ex, err := e.explain(j, X, "linear", func(g *game, _ *rand.Rand) ([][]float64, [][]float64, error) {
		phi := matrix(len(x.cfg.players), len(x.W))
		for p, cols := range x.cfg.players {
			for o, w := range x.W {
				for _, j := range cols {
					phi[p][o] += w[j] * (g.x[j] - x.mean[j])
				}
			}
		}
		return phi, nil, nil
	})
	if ex != nil {
		ex.Link = LinkLinearPredictor
	}
	return ex, err
}
