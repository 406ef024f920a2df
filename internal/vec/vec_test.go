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

// TestCombine: base plus and minus rows of a matrix, on both kernels, for
// widths around the 16-value chunk, equals the sums done one by one.
func TestCombine(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	for _, useSIMD := range []bool{true, false} {
		if useSIMD && !simd {
			continue
		}
		saved := simd
		simd = useSIMD
		for _, n := range []int{1, 15, 16, 17, 33, 64} {
			base := make([]float64, n)
			d := make([]float64, 5*n)
			for i := range base {
				base[i] = rng.NormFloat64()
			}
			for i := range d {
				d[i] = rng.NormFloat64()
			}
			for _, rows := range [][]int{nil, {2}, {^4}, {0, ^3, 4, ^0}} {
				got := make([]float64, n)
				Combine(got, base, d, rows)
				for i := range got {
					want := base[i]
					for _, r := range rows {
						if r >= 0 {
							want += d[r*n+i]
						} else {
							want -= d[^r*n+i]
						}
					}
					if got[i] != want {
						t.Fatalf("simd=%v n=%d rows=%v [%d]: %v, want %v", useSIMD, n, rows, i, got[i], want)
					}
				}
			}
		}
		simd = saved
	}
}
