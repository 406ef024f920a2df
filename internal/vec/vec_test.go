package vec

import (
	"math/rand/v2"
	"testing"
)

// TestAddSub: both kernels give exactly Go's sums and differences, for
// lengths around the 16-value block.
func TestAddSub(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, useSIMD := range []bool{true, false} {
		if useSIMD && !simd {
			continue
		}
		saved := simd
		simd = useSIMD
		for _, n := range []int{0, 1, 15, 16, 17, 64, 70} {
			a, b := make([]float64, n), make([]float64, n)
			for i := range a {
				a[i], b[i] = rng.NormFloat64(), rng.NormFloat64()
			}
			sum, diff, to := append([]float64(nil), a...), append([]float64(nil), a...), make([]float64, n)
			Add(sum, b)
			Sub(diff, b)
			AddTo(to, a, b)
			for i := range a {
				if sum[i] != a[i]+b[i] || diff[i] != a[i]-b[i] || to[i] != a[i]+b[i] {
					t.Fatalf("simd=%v n=%d [%d]: %v %v %v for %v, %v", useSIMD, n, i, sum[i], diff[i], to[i], a[i], b[i])
				}
			}
		}
		simd = saved
	}
}
