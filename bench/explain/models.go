package main

import (
	"math"
	"math/rand/v2"
	"sync"
)

// mlp is f(x) = σ(w2·tanh(W1·x + b1) + b2); with no hidden layer (W1 nil)
// it is the logistic regression σ(w2·x + b2). shap_peer.py computes the
// same function with numpy from the weights written to the case file.
type mlp struct {
	W1 [][]float64 `json:"W1"` // hidden × features
	B1 []float64   `json:"b1"`
	W2 []float64   `json:"w2"` // hidden (or features)
	B2 float64     `json:"b2"`

	once sync.Once
	w1T  [][]float64 // W1 transposed, made on first use
}

func newMLP(rng *rand.Rand, features, hidden int) *mlp {
	m := &mlp{B2: 0.1 * rng.NormFloat64()}
	in := features
	if hidden > 0 {
		m.W1 = make([][]float64, hidden)
		m.B1 = make([]float64, hidden)
		for h := range m.W1 {
			m.W1[h] = make([]float64, features)
			for j := range m.W1[h] {
				m.W1[h][j] = rng.NormFloat64() / math.Sqrt(float64(features))
			}
			m.B1[h] = 0.1 * rng.NormFloat64()
		}
		in = hidden
	}
	m.W2 = make([]float64, in)
	for j := range m.W2 {
		m.W2[j] = 2 * rng.NormFloat64() / math.Sqrt(float64(in))
	}
	return m
}

// Predict returns one probability per row. The hidden layer accumulates
// column by column (h += x_j·W1[:,j]) so the hidden units' sums proceed in
// parallel rather than as one dependent chain.
func (m *mlp) Predict(X [][]float64) ([][]float64, error) {
	m.once.Do(m.transpose)
	out := make([][]float64, len(X))
	flat := make([]float64, len(X))
	h := make([]float64, len(m.W1))
	for i, x := range X {
		in := x
		if m.W1 != nil {
			copy(h, m.B1)
			for j, v := range x {
				for k, w := range m.w1T[j] {
					h[k] += w * v
				}
			}
			for k, v := range h {
				h[k] = math.Tanh(v)
			}
			in = h
		}
		z := m.B2
		for j, v := range in {
			z += m.W2[j] * v
		}
		flat[i] = 1 / (1 + math.Exp(-z))
		out[i] = flat[i : i+1 : i+1]
	}
	return out, nil
}

// transpose stores W1 as features × hidden.
func (m *mlp) transpose() {
	if m.W1 == nil {
		return
	}
	t := make([][]float64, len(m.W1[0]))
	for j := range t {
		t[j] = make([]float64, len(m.W1))
		for k, w := range m.W1 {
			t[j][k] = w[j]
		}
	}
	m.w1T = t
}
