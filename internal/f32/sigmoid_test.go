package f32

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSigmoid: both kernels agree with the float64 logistic function to
// 4e-7 relative error (and 1e-38 absolute near zero) from −100 to 100,
// including the clamp's edges, and keep a NaN.
func TestSigmoid(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	x := []float32{0, -0, 1, -1, 88.37, -88.37, 88.38, -88.38, 100, -100, 1e-8, -1e-8}
	for range 20000 {
		x = append(x, float32(rng.Float64()*200-100))
	}
	for range 20000 {
		x = append(x, float32(rng.NormFloat64()*4))
	}
	kernels(func(useSIMD bool) {
		y := append([]float32(nil), x...)
		Sigmoid(y)
		for i, v := range x {
			want := 1 / (1 + math.Exp(-float64(v)))
			if d := math.Abs(float64(y[i]) - want); d > 4e-7*want && d > 1e-38 {
				t.Fatalf("simd=%v: sigmoid(%v) = %v, want %v (relative error %.2g)", useSIMD, v, y[i], want, d/want)
			}
		}
		for n := range 17 {
			z := make([]float32, n)
			for i := range z {
				z[i] = float32(i)
			}
			if n > 0 {
				z[n-1] = float32(math.NaN())
			}
			Sigmoid(z)
			if n > 0 && !math.IsNaN(float64(z[n-1])) {
				t.Fatalf("simd=%v n=%d: NaN became %v", useSIMD, n, z[n-1])
			}
		}
	})
}
