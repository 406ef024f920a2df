package ml

import (
	"errors"
	"fmt"

	"github.com/glassbox-ml/glassbox/internal/f32"
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
	net, first, err := m.head()
	if err != nil {
		return nil, err
	}
	if err := checkShape("Z", Z, len(net.layers[first].bias)); err != nil {
		return nil, err
	}
	return net.predictFrom(Z, first+1)
}

// Head32 is Head for float32 pre-activations in the layout of
// explain.Head32 — rows of that layer's width rounded up to a multiple of 8
// values, the padding zero, room for rows rounded up to a multiple of 4 —
// evaluated on the calling goroutine as Predict evaluates them. It
// overwrites Z and writes rows × outputs values into out; the explainers'
// structured path builds its pre-activations in float32 through it.
func (m *Sequential) Head32(Z []float32, rows int, out []float64) error {
	net, first, err := m.head()
	if err != nil {
		return err
	}
	stride := f32.Pad8(len(net.layers[first].bias))
	switch {
	case rows < 0 || len(Z) < f32.Pad4(rows)*stride:
		return fmt.Errorf("ml: Head32: Z holds %d values; %d rows need %d (rows of %d, a multiple of 4 of them)", len(Z), rows, f32.Pad4(rows)*stride, stride)
	case len(out) < rows*net.out:
		return fmt.Errorf("ml: Head32: out holds %d values; %d rows need %d", len(out), rows, rows*net.out)
	}
	if !net.predict32(Z, rows, out, first+1) {
		return errors.New("ml: Head32: Z holds a non-finite pre-activation")
	}
	for i, v := range out[:rows*net.out] {
		if v-v != 0 { // NaN and ±Inf give NaN
			return fmt.Errorf("ml: Head32: output %d of row %d is %v; the row's pre-activations are not finite or overflow", i%net.out, i/net.out, v)
		}
	}
	return nil
}

// head returns the native network and its first dense layer, for Head and
// Head32.
func (m *Sequential) head() (*nativeNet, int, error) {
	if err := m.trained(); err != nil {
		return nil, 0, err
	}
	if !m.pureGo {
		return nil, 0, errors.New("ml: Head evaluates natively on the go backend only (CompileOptions.Backend \"go\"); AffineParts declines on other backends")
	}
	net, err := m.native()
	if err != nil {
		return nil, 0, err
	}
	first := net.firstDense()
	if first < 0 {
		return nil, 0, errors.New("ml: Head: the network has no dense layer")
	}
	return net, first, nil
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

// Head32 is Sequential.Head32 of the run's network.
func (m *RawModel) Head32(Z []float32, rows int, out []float64) error {
	return m.run.Model.Head32(Z, rows, out)
}
