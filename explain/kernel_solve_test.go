package explain

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKernelSolversAgree: the normal equations and the QR factorisation
// give the same values on Kernel SHAP's own coalition draws (enumerated
// and sampled sizes) for random coalition values and several outputs.
func TestKernelSolversAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, tc := range []struct{ M, budget int }{{5, 20}, {12, 100}, {30, 2108}, {70, 300}} {
		set, weight := newKernelDesign(tc.M, tc.budget).draw(rng)
		const K = 2
		v := make([]float64, set.len()*K)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		base, fx := []float64{0.1, -0.2}, []float64{0.7, 0.3}
		normal, ok := solveKernelNormal(set, weight, v, base, fx)
		if !ok {
			t.Fatalf("M=%d: the normal equations were refused", tc.M)
		}
		qr, _, err := solveKernelQR(set, weight, v, base, fx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range qr {
			for k := range qr[i] {
				if d := math.Abs(normal[i][k] - qr[i][k]); d > 1e-9 {
					t.Errorf("M=%d: φ[%d][%d]: normal equations %v, QR %v", tc.M, i, k, normal[i][k], qr[i][k])
				}
			}
		}
	}
}
