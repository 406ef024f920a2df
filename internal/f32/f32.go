// Package f32 evaluates dense float32 layers, z = a·W + b, with SIMD
// kernels (AVX2 and FMA on amd64) where the CPU has them and plain Go
// elsewhere.
//
// The layout is fixed so that the kernels need no bounds or tails: a Matrix
// stores rows padded to a multiple of 4 and columns padded to a multiple of
// 8 (Stride), the padding holding zeros. A layer whose padded input columns
// meet padded kernel rows of zeros therefore computes exactly what the
// unpadded layer would. Sums are accumulated in float32, as GoMLX does.
package f32

// Pad8 rounds n up to a multiple of 8, the width of one AVX register of
// float32.
func Pad8(n int) int { return (n + 7) &^ 7 }

// Pad4 rounds n up to a multiple of 4, the rows a kernel computes at once.
func Pad4(n int) int { return (n + 3) &^ 3 }

// Matrix is a row-major float32 matrix whose row stride is Pad8(Cols) and
// whose backing slice holds Pad4(Rows) rows; padding cells are zero unless
// a kernel wrote them (Dense keeps padded columns zero).
type Matrix struct {
	Rows, Cols int
	Data       []float32
}

// Stride is the distance between the starts of two rows.
func (m *Matrix) Stride() int { return Pad8(m.Cols) }

// Reset shapes m as rows × cols, reusing its storage when it is large
// enough. The padding columns are zero; the cells hold unspecified values
// until written (SetRow, Forward), which spares clearing a batch that is
// about to be overwritten.
func (m *Matrix) Reset(rows, cols int) {
	m.Rows, m.Cols = rows, cols
	stride := Pad8(cols)
	n := Pad4(rows) * stride
	if cap(m.Data) < n {
		m.Data = make([]float32, n)
		return
	}
	m.Data = m.Data[:n]
	switch {
	case cols == stride:
	case 2*cols <= stride: // padding is most of the matrix: one clear
		clear(m.Data)
	default:
		for r := 0; r < n; r += stride {
			clear(m.Data[r+cols : r+stride])
		}
	}
}

// Row returns row r without its padding.
func (m *Matrix) Row(r int) []float32 {
	s := m.Stride()
	return m.Data[r*s : r*s+m.Cols]
}

// Layer is a dense layer's weights in the kernels' layout: for Units ≥ 8
// the kernel is Pad8(In) × Pad8(Units) row-major, for narrow layers
// (Units < 8) it is stored transposed, Units × Pad8(In), so that each output
// is one dot product. Bias has Pad8(Units) entries.
type Layer struct {
	In, Units int
	kernel    []float32
	bias      []float32
}

// NewLayer lays out a row-major In × Units kernel and its bias.
func NewLayer(in, units int, kernel, bias []float32) *Layer {
	l := &Layer{In: in, Units: units, bias: make([]float32, Pad8(units))}
	copy(l.bias, bias)
	pin, pu := Pad8(in), Pad8(units)
	if l.narrow() {
		l.kernel = make([]float32, units*pin)
		for i := range in {
			for j := range units {
				l.kernel[j*pin+i] = kernel[i*units+j]
			}
		}
		return l
	}
	l.kernel = make([]float32, pin*pu)
	for i := range in {
		copy(l.kernel[i*pu:i*pu+units], kernel[i*units:(i+1)*units])
	}
	return l
}

func (l *Layer) narrow() bool { return l.Units < 8 }

// Forward sets z = act(a)·W + b (z is reset to a.Rows × l.Units), with
// act = ReLU when reluIn is set, else the identity, and with ReLU applied
// to z when reluOut is set. a.Cols must be l.In. A narrow layer rectifies
// a as it reads it; a wide one rectifies a in place first.
func (l *Layer) Forward(z, a *Matrix, reluIn, reluOut bool) {
	if reluIn && !l.narrow() {
		ReLU(a.Data)
	}
	z.Reset(a.Rows, l.Units)
	rows := Pad4(a.Rows)
	lda, ldz := a.Stride(), z.Stride()
	k := Pad8(l.In)
	if l.narrow() {
		for j := range l.Units {
			dotRows(rows, k, a.Data, lda, l.kernel[j*k:], l.bias[j], z.Data[j:], ldz, reluIn, reluOut)
		}
		return
	}
	// The blocks run over the true inputs only: the padded ones are zero.
	u, k := Pad8(l.Units), l.In
	for r := 0; r < rows; r += 4 {
		j := 0
		for ; j+16 <= u; j += 16 {
			block4x16(k, a.Data[r*lda:], lda, l.kernel[j:], u, l.bias[j:], z.Data[r*ldz+j:], ldz, reluOut)
		}
		if j < u {
			block4x8(k, a.Data[r*lda:], lda, l.kernel[j:], u, l.bias[j:], z.Data[r*ldz+j:], ldz, reluOut)
		}
	}
}

// SetRow converts src into row r of m (len(src) = m.Cols), with ReLU when
// relu is set, and reports whether every value was finite.
func (m *Matrix) SetRow(r int, src []float64, relu bool) bool {
	return convert(m.Row(r), src, relu)
}

// convertGo is convert in Go: dst[i] = float32(src[i]), or max(·, 0).
func convertGo(dst []float32, src []float64, relu bool) bool {
	finite := true
	for i, v := range src[:len(dst)] {
		finite = finite && v-v == 0 // NaN and ±Inf give NaN
		if relu && v < 0 {
			v = 0
		}
		dst[i] = float32(v)
	}
	return finite
}
