package f32

import "math"

// Sigmoid sets x[i] = 1/(1 + exp(−x[i])) to within a few units in the
// last place of float32 (a NaN stays NaN), eight values at a time where
// the CPU has AVX2 and FMA. exp is Cephes' expf (S. L. Moshier): with
// t = −x clamped to ±88.376, k = ⌊t·log₂e + ½⌋ and r = t − k·ln 2 (ln 2 in
// two parts, so r is exact),
//
//	exp(t) = 2^k · (1 + r + r²·P(r)),   P a degree-5 polynomial,
//
// its relative error under 2e-7 on the range.
func Sigmoid(x []float32) {
	n := len(x) &^ 7
	if simd && n > 0 {
		kernelSigmoid(n, &x[0])
	} else {
		n = 0
	}
	for i := n; i < len(x); i++ {
		x[i] = sigmoid(x[i])
	}
}

// The constants of Sigmoid's exp.
const (
	expHi   = 88.3762626647949
	log2e   = 1.44269504088896341
	ln2Hi   = 0.693359375
	ln2Lo   = -2.12194440e-4
	expP0   = 1.9875691500e-4
	expP1   = 1.3981999507e-3
	expP2   = 8.3334519073e-3
	expP3   = 4.1665795894e-2
	expP4   = 1.6666665459e-1
	expP5   = 5.0000001201e-1
	oneBits = 0x3f800000 // 1.0 in float32: 2^k is k added to its exponent
)

// sigmoid is Sigmoid of one value, in Go.
func sigmoid(x float32) float32 {
	t := max(min(-x, expHi), -expHi) // a NaN stays NaN
	k := float32(math.Floor(float64(t*log2e + 0.5)))
	r := t - k*ln2Hi
	r -= k * ln2Lo
	p := float32(expP0)
	for _, c := range [...]float32{expP1, expP2, expP3, expP4, expP5} {
		p = p*r + c
	}
	e := (p*(r*r) + r + 1) * math.Float32frombits(uint32(int32(k)<<23+oneBits))
	return 1 / (1 + e)
}
