package ml

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gomlx/gomlx/core/graph"
)

// Activation names accepted by Dense.
const (
	Linear  = "linear"
	ReLU    = "relu"
	Sigmoid = "sigmoid"
	Tanh    = "tanh"
	Softmax = "softmax"
)

// Layer is one layer of a Sequential model. Build layers with Dense and
// Dropout; the fields are exported so that a model's configuration
// round-trips through JSON.
type Layer struct {
	Kind       string  `json:"kind"`                 // "dense", "dropout" or "rescaling"
	Units      int     `json:"units,omitempty"`      // dense: number of outputs
	Activation string  `json:"activation,omitempty"` // dense: linear, relu, sigmoid, tanh, softmax
	InputDim   int     `json:"input_dim,omitempty"`  // dense: inputs, needed on the first layer only
	Rate       float64 `json:"rate,omitempty"`       // dropout: fraction of units zeroed while training
	Scale      float64 `json:"scale,omitempty"`      // rescaling: factor
	Offset     float64 `json:"offset,omitempty"`     // rescaling: added after the factor
}

// Dense is a fully connected layer: y = activation(x·W + b), with W of shape
// inputs × units initialised Glorot-uniform (U(±√(6/(in+out)))) and b = 0,
// as Keras does. inputDim is needed on the first layer only.
func Dense(units int, activation string, inputDim ...int) Layer {
	l := Layer{Kind: "dense", Units: units, Activation: activation}
	if len(inputDim) > 0 {
		l.InputDim = inputDim[0]
	}
	return l
}

// Dropout zeroes each input with probability rate while training and scales
// the kept ones by 1/(1−rate) (inverted dropout), so it is the identity at
// prediction time.
func Dropout(rate float64) Layer { return Layer{Kind: "dropout", Rate: rate} }

// Rescaling maps x to x·scale + offset, with fixed (not trained) constants,
// like Keras' Rescaling layer. Train ends regression networks with
// Rescaling(std(y), mean(y)) so that the dense layers learn a standardised
// target while the model predicts in the target's units.
func Rescaling(scale, offset float64) Layer {
	return Layer{Kind: "rescaling", Scale: scale, Offset: offset}
}

func (l Layer) validate(i int) error {
	switch l.Kind {
	case "dense":
		if l.Units <= 0 {
			return fmt.Errorf("ml: layer %d (dense): units must be positive, got %d", i, l.Units)
		}
		switch l.Activation {
		case "", Linear, ReLU, Sigmoid, Tanh, Softmax:
		default:
			return fmt.Errorf("ml: layer %d (dense): unknown activation %q (want linear, relu, sigmoid, tanh or softmax)", i, l.Activation)
		}
	case "dropout":
		if !(l.Rate >= 0 && l.Rate < 1) {
			return fmt.Errorf("ml: layer %d (dropout): rate must be in [0, 1), got %v", i, l.Rate)
		}
	case "rescaling":
		if l.Scale == 0 || math.IsNaN(l.Scale) || math.IsInf(l.Scale, 0) || math.IsNaN(l.Offset) || math.IsInf(l.Offset, 0) {
			return fmt.Errorf("ml: layer %d (rescaling): scale must be finite and non-zero and offset finite, got %v, %v", i, l.Scale, l.Offset)
		}
	default:
		return fmt.Errorf("ml: layer %d: unknown kind %q (want dense, dropout or rescaling)", i, l.Kind)
	}
	return nil
}

// activate applies the named activation to z.
func activate(z *graph.Node, activation string) *graph.Node {
	switch activation {
	case ReLU:
		return graph.Max(z, graph.ZerosLike(z))
	case Sigmoid:
		return graph.Sigmoid(z)
	case Tanh:
		return graph.Tanh(z)
	case Softmax:
		return graph.Softmax(z, -1)
	default:
		return z
	}
}

// glorotUniform draws an in × out matrix from U(−a, a), a = √(6/(in+out)),
// row-major, from rng.
func glorotUniform(rng *rand.Rand, in, out int) []float32 {
	a := math.Sqrt(6 / float64(in+out))
	w := make([]float32, in*out)
	for i := range w {
		w[i] = float32((2*rng.Float64() - 1) * a)
	}
	return w
}
