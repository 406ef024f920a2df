package ml

import (
	"fmt"
	"math"
	"runtime"
	"sync"
)

// nativeNet is the trained network as plain Go slices, for inference on the
// pure-Go backend: a dense layer is a row-major inputs × units kernel and a
// bias, evaluated in float32 (as GoMLX does) without building or running a
// graph. On the go backend it is several times faster than GoMLX's
// interpreter for these small networks; Gradient and training keep GoMLX,
// and every other backend (XLA) keeps its compiled graphs.
type nativeNet struct {
	in, out int
	layers  []nativeLayer
}

type nativeLayer struct {
	kind          string // "dense" or "rescaling" (dropout is the identity at inference)
	in, units     int
	kernel, bias  []float32
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
			n.layers = append(n.layers, nativeLayer{kind: "dense", in: width, units: l.Units, kernel: w.Kernel, bias: w.Bias, activation: l.Activation})
			width = l.Units
		case "rescaling":
			n.layers = append(n.layers, nativeLayer{kind: "rescaling", in: width, units: width, scale: float32(l.Scale), offset: float32(l.Offset)})
		}
	}
	n.out = width
	m.net = n
	return n, nil
}

// nativeChunk is how many rows a worker evaluates at a time.
const nativeChunk = 256

// predict evaluates the network on X, chunks of rows in parallel.
func (n *nativeNet) predict(X [][]float64) [][]float64 {
	out := make([][]float64, len(X))
	flat := make([]float64, len(X)*n.out)
	for r := range out {
		out[r] = flat[r*n.out : (r+1)*n.out : (r+1)*n.out]
	}
	chunks := (len(X) + nativeChunk - 1) / nativeChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var a, b []float32
			for c := range next {
				lo := c * nativeChunk
				hi := min(lo+nativeChunk, len(X))
				a, b = n.chunk(X[lo:hi], out[lo:hi], a, b)
			}
		}()
	}
	wg.Wait()
	return out
}

// chunk evaluates rows into out, reusing the buffers a and b.
func (n *nativeNet) chunk(X [][]float64, out [][]float64, a, b []float32) ([]float32, []float32) {
	rows := len(X)
	a = grow(a, rows*n.in)
	for r, x := range X {
		for i, v := range x {
			a[r*n.in+i] = float32(v)
		}
	}
	for _, l := range n.layers {
		switch l.kind {
		case "rescaling":
			for i := range a[:rows*l.in] {
				a[i] = a[i]*l.scale + l.offset
			}
		case "dense":
			b = grow(b, rows*l.units)
			r := 0
			for ; r+4 <= rows; r += 4 { // four rows share each kernel row's loads
				dense4(a[r*l.in:(r+4)*l.in], b[r*l.units:(r+4)*l.units], l)
			}
			for ; r < rows; r++ {
				h := a[r*l.in : (r+1)*l.in]
				z := b[r*l.units : (r+1)*l.units]
				copy(z, l.bias)
				for i, v := range h {
					if v == 0 {
						continue
					}
					w := l.kernel[i*l.units : (i+1)*l.units]
					for j := range z {
						z[j] += v * w[j]
					}
				}
			}
			for r := range rows {
				activateNative(b[r*l.units:(r+1)*l.units], l.activation)
			}
			a, b = b, a
		}
	}
	for r := range rows {
		for j := range n.out {
			out[r][j] = float64(a[r*n.out+j])
		}
	}
	return a, b
}

// dense4 computes z = h·W + b for four rows at once (h: 4 × in, z: 4 ×
// units, row-major), so that each kernel row is loaded once for four rows.
func dense4(h, z []float32, l nativeLayer) {
	in, u := l.in, l.units
	z0, z1, z2, z3 := z[:u:u], z[u:2*u:2*u], z[2*u:3*u:3*u], z[3*u:4*u:4*u]
	copy(z0, l.bias)
	copy(z1, l.bias)
	copy(z2, l.bias)
	copy(z3, l.bias)
	for i := range in {
		v0, v1, v2, v3 := h[i], h[in+i], h[2*in+i], h[3*in+i]
		w := l.kernel[i*u : (i+1)*u : (i+1)*u]
		for j, wj := range w {
			z0[j] += v0 * wj
			z1[j] += v1 * wj
			z2[j] += v2 * wj
			z3[j] += v3 * wj
		}
	}
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// activateNative applies an activation to one row's pre-activations.
func activateNative(z []float32, activation string) {
	switch activation {
	case ReLU:
		for j, v := range z {
			z[j] = max(v, 0)
		}
	case Sigmoid:
		for j, v := range z {
			z[j] = float32(1 / (1 + math.Exp(-float64(v))))
		}
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
