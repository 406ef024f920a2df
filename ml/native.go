package ml

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/glassbox-ml/glassbox/internal/f32"
)

// nativeNet is the trained network as plain float32 weights, for inference
// on the pure-Go backend: each dense layer is laid out for the SIMD kernels
// of internal/f32 (AVX2+FMA on amd64, plain Go elsewhere) and evaluated in
// float32, as GoMLX does, without building or running a graph. On the go
// backend it is many times faster than GoMLX's interpreter for these small
// networks; Gradient and training keep GoMLX, and every other backend (XLA)
// keeps its compiled graphs.
type nativeNet struct {
	in, out int
	layers  []nativeLayer
}

type nativeLayer struct {
	dense         *f32.Layer // nil for a rescaling layer (dropout is the identity at inference)
	kernel, bias  []float32  // the dense layer's weights as trained: in × units, row-major
	activation    string
	scale, offset float32
}

// native returns the network's current weights as a nativeNet, building it
// after they change (training steps and loads drop it). Caller must not
// hold mu.
func (m *Sequential) native() (*nativeNet, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.net != nil {
		return m.net, nil
	}
	ws, err := m.weights()
	if err != nil {
		return nil, err
	}
	byLayer := map[int]LayerWeights{}
	for _, w := range ws {
		byLayer[w.Layer] = w
	}
	n := &nativeNet{in: m.inputDim}
	width := m.inputDim
	for i, l := range m.layers {
		switch l.Kind {
		case "dense":
			w, ok := byLayer[i]
			if !ok || w.Inputs != width || w.Units != l.Units || len(w.Kernel) != width*l.Units || len(w.Bias) != l.Units {
				return nil, fmt.Errorf("ml: layer %d: weights do not match the layer", i)
			}
			n.layers = append(n.layers, nativeLayer{dense: f32.NewLayer(width, l.Units, w.Kernel, w.Bias), kernel: w.Kernel, bias: w.Bias, activation: l.Activation})
			width = l.Units
		case "rescaling":
			n.layers = append(n.layers, nativeLayer{scale: float32(l.Scale), offset: float32(l.Offset)})
		}
	}
	n.out = width
	m.net = n
	return n, nil
}

// firstDense returns the index of the first dense layer if only rescaling
// layers come before it, else −1.
func (n *nativeNet) firstDense() int {
	for i, l := range n.layers {
		if l.dense != nil {
			return i
		}
	}
	return -1
}

// matrixPairs recycles the workers' buffers across calls: explainers call
// Predict for every batch of masked rows, and allocating them each time
// would keep the garbage collector running.
var matrixPairs = sync.Pool{New: func() any { return new([2]f32.Matrix) }}

// nativeChunk is how many rows a worker evaluates at a time.
const nativeChunk = 256

// predict evaluates the network on X, chunks of rows in parallel. A
// non-finite value is an error naming its first row and column.
func (n *nativeNet) predict(X [][]float64) ([][]float64, error) {
	return n.predictFrom(X, 0)
}

// predictFrom evaluates layers[from:] on X, whose rows are layer from's
// input, except that when from follows a dense layer X holds that layer's
// pre-activations and its activation is applied first.
func (n *nativeNet) predictFrom(X [][]float64, from int) ([][]float64, error) {
	out := make([][]float64, len(X))
	flat := make([]float64, len(X)*n.out)
	for r := range out {
		out[r] = flat[r*n.out : (r+1)*n.out : (r+1)*n.out]
	}
	chunks := (len(X) + nativeChunk - 1) / nativeChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	bad := make([]bool, chunks) // chunks holding a non-finite value
	var wg sync.WaitGroup
	var next atomic.Int64
	work := func() {
		buf := matrixPairs.Get().(*[2]f32.Matrix)
		defer matrixPairs.Put(buf)
		for {
			c := int(next.Add(1)) - 1
			if c >= chunks {
				return
			}
			lo := c * nativeChunk
			hi := min(lo+nativeChunk, len(X))
			bad[c] = !n.chunk(X[lo:hi], out[lo:hi], buf, from)
		}
	}
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for c, b := range bad {
		if b {
			for i, row := range X[c*nativeChunk:] {
				if j := nonFinite(row); j >= 0 {
					return nil, nonFiniteError("X", c*nativeChunk+i, j, row[j])
				}
			}
		}
	}
	return out, nil
}

// chunk evaluates layers[from:] on rows into out (see predictFrom),
// reusing the two matrices of buf, and reports whether every value of X was
// finite (if not, out is garbage).
func (n *nativeNet) chunk(X [][]float64, out [][]float64, buf *[2]f32.Matrix, from int) bool {
	a := &buf[0]
	a.Reset(len(X), len(X[0]))
	// Pre-activations get their layer's activation; ReLU on the way in.
	act := n.activationBefore(from)
	finite := true
	for r, x := range X {
		finite = a.SetRow(r, x, act == ReLU) && finite
	}
	if !finite {
		return false
	}
	if act != ReLU {
		activateRows(a, act)
	}
	a = n.forward(a, buf, from, false)
	for r := range out {
		for j, v := range a.Row(r) {
			out[r][j] = float64(v)
		}
	}
	return true
}

// activationBefore returns the activation that rows entering layers[from:]
// still need: that of the dense layer before from, whose pre-activations
// they are, or none.
func (n *nativeNet) activationBefore(from int) string {
	if from > 0 && n.layers[from-1].dense != nil {
		return n.layers[from-1].activation
	}
	return ""
}

// forward evaluates layers[from:] on a, which is buf[0] or a matrix of its
// own, alternating between the matrices of buf, and returns the matrix that
// holds the result. With reluIn, layers[from] is dense and rectifies a as
// it reads it.
func (n *nativeNet) forward(a *f32.Matrix, buf *[2]f32.Matrix, from int, reluIn bool) *f32.Matrix {
	next := func() *f32.Matrix {
		if a == &buf[0] {
			return &buf[1]
		}
		return &buf[0]
	}
	for _, l := range n.layers[from:] {
		if l.dense == nil {
			for r := range a.Rows {
				row := a.Row(r)
				for i := range row {
					row[i] = row[i]*l.scale + l.offset
				}
			}
			continue
		}
		b := next()
		l.dense.Forward(b, a, reluIn, l.activation == ReLU)
		reluIn = false
		if l.activation != ReLU {
			activateRows(b, l.activation)
		}
		a = b
	}
	return a
}

// predict32 evaluates layers[from:] (from > 0, following a dense layer) on
// the pre-activations Z, rows of f32.Pad8(width) values, on the calling
// goroutine, overwriting Z, and writes the outputs into out (rows ×
// n.out). It reports whether every value of Z was finite.
func (n *nativeNet) predict32(Z []float32, rows int, out []float64, from int) bool {
	buf := matrixPairs.Get().(*[2]f32.Matrix)
	defer matrixPairs.Put(buf)
	width := len(n.layers[from-1].bias)
	stride := f32.Pad8(width)
	act := n.activationBefore(from)
	// A ReLU before a dense layer is applied as that layer reads its
	// input; a NaN then reaches the outputs, which the caller checks.
	fold := act == ReLU && from < len(n.layers) && n.layers[from].dense != nil
	for lo := 0; lo < rows; lo += nativeChunk {
		hi := min(lo+nativeChunk, rows)
		a := &f32.Matrix{Rows: hi - lo, Cols: width, Data: Z[lo*stride : (lo+f32.Pad4(hi-lo))*stride]}
		switch {
		case fold:
		case act == ReLU:
			if !f32.ReLU(a.Data) {
				return false
			}
		default:
			if !f32.Finite(a.Data) {
				return false
			}
			activateRows(a, act)
		}
		a = n.forward(a, buf, from, fold)
		o := out[lo*n.out : hi*n.out]
		for r := range hi - lo {
			for j, v := range a.Row(r) {
				o[r*n.out+j] = float64(v)
			}
		}
	}
	return true
}

// activateRows applies an activation to every row of m.
func activateRows(m *f32.Matrix, activation string) {
	switch activation {
	case "", Linear:
		return
	case Sigmoid: // one output (binary): the column gathered, one call
		if m.Cols == 1 && m.Rows <= nativeChunk {
			var col [nativeChunk]float32
			s := m.Stride()
			for r := range m.Rows {
				col[r] = m.Data[r*s]
			}
			f32.Sigmoid(col[:m.Rows])
			for r, v := range col[:m.Rows] {
				m.Data[r*s] = v
			}
			return
		}
	}
	for r := range m.Rows {
		activateNative(m.Row(r), activation)
	}
}

// activateNative applies an activation to one row's pre-activations.
func activateNative(z []float32, activation string) {
	switch activation {
	case ReLU:
		for j, v := range z {
			z[j] = max(v, 0)
		}
	case Sigmoid:
		f32.Sigmoid(z)
	case Tanh:
		for j, v := range z {
			z[j] = float32(math.Tanh(float64(v)))
		}
	case Softmax:
		top := z[0]
		for _, v := range z {
			top = max(top, v)
		}
		var sum float64
		for j, v := range z {
			e := math.Exp(float64(v - top))
			z[j] = float32(e)
			sum += e
		}
		for j := range z {
			z[j] = float32(float64(z[j]) / sum)
		}
	}
}
