package ml

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/floats"
)

// AffineParts splits the network at its first dense layer, for the
// explainers' structured Shapley path (it implements explain.Affine): for a
// row x of InputDim encoded features it returns the layer's bias c and the
// parts
//
//	A_j(x_j) = t_j(x_j)·W_j,
//
// W_j being row j of the layer's kernel and t_j the rescaling layers before
// it, so that the layer's pre-activation is c + Σ_j A_j(x_j) and Head of it
// is Predict(x). It returns a nil c, and explainers then call Predict, on
// backends other than go (whose compiled graphs keep predicting) and for a
// network without a dense layer.
func (m *Sequential) AffineParts(x []float64) (c []float64, parts [][]float64, err error) {
	if err := m.ready([][]float64{x}); err != nil || !m.pureGo {
		return nil, nil, err
	}
	if j := nonFinite(x); j >= 0 {
		return nil, nil, nonFiniteError("x", 0, j, x[j])
	}
	net, err := m.native()
	if err != nil {
		return nil, nil, err
	}
	first := net.firstDense()
	if first < 0 {
		return nil, nil, nil
	}
	t := append([]float64(nil), x...)
	for _, l := range net.layers[:first] {
		for j := range t {
			t[j] = t[j]*float64(l.scale) + float64(l.offset)
		}
	}
	l := net.layers[first]
	u := len(l.bias)
	c = make([]float64, u)
	for k, b := range l.bias {
		c[k] = float64(b)
	}
	parts = make([][]float64, len(t))
	flat := make([]float64, len(t)*u)
	for j, v := range t {
		p, w := flat[j*u:(j+1)*u:(j+1)*u], l.kernel[j*u:(j+1)*u]
		for k := range p {
			p[k] = v * float64(w[k])
		}
		parts[j] = p
	}
	return c, parts, nil
}

// Head evaluates the network from its first dense layer's pre-activations
// Z (rows of that layer's width): the layer's activation and every layer
// after it. With AffineParts it implements explain.Affine; it needs the go
// backend.
func (m *Sequential) Head(Z [][]float64) ([][]float64, error) {
	if err := m.trained(); err != nil {
		return nil, err
	}
	if !m.pureGo {
		return nil, errors.New("ml: Head evaluates natively on the go backend only (CompileOptions.Backend \"go\"); AffineParts declines on other backends")
	}
	net, err := m.native()
	if err != nil {
		return nil, err
	}
	first := net.firstDense()
	if first < 0 {
		return nil, errors.New("ml: Head: the network has no dense layer")
	}
	if err := checkShape("Z", Z, len(net.layers[first].bias)); err != nil {
		return nil, err
	}
	return net.predictFrom(Z, first+1)
}

// AffineParts is Sequential.AffineParts for rows in original units: each
// column's parts are those of its encoded columns, summed (a category's
// one-hot columns, a date's derived features), which holds because the
// preprocessing encodes each column on its own. It implements
// explain.Affine with Head.
func (m *RawModel) AffineParts(x []float64) (c []float64, parts [][]float64, err error) {
	if m.run.Pipeline == nil {
		return nil, nil, errNoPipeline
	}
	groups := m.run.Pipeline.Groups()
	if len(x) != len(groups) {
		return nil, nil, fmt.Errorf("ml: x has %d columns, want %d", len(x), len(groups))
	}
	enc, err := m.run.Pipeline.EncodeValues([][]float64{x})
	if err != nil {
		return nil, nil, err
	}
	c, encoded, err := m.run.Model.AffineParts(enc[0])
	if c == nil || err != nil {
		return nil, nil, err
	}
	parts = make([][]float64, len(groups))
	for g, cols := range groups {
		parts[g] = make([]float64, len(c))
		for _, j := range cols {
			floats.Add(parts[g], encoded[j])
		}
	}
	return c, parts, nil
}

// Head is Sequential.Head of the run's network.
func (m *RawModel) Head(Z [][]float64) ([][]float64, error) { return m.run.Model.Head(Z) }
