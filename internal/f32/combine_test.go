package f32

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCombineRows: several rows at once, with a shared or a per-row a,
// with and without b − c, on both kernels and for widths around the 64-
// and 8-value chunks, equals the sums done one by one in float32.
func TestCombineRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	fill := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
		return v
	}
	kernels(func(useSIMD bool) {
		for _, w := range []int{8, 16, 56, 64, 72, 128, 136} {
			for _, rows := range []int{1, 3} {
				for _, shared := range []bool{false, true} {
					for _, withBC := range []bool{false, true} {
						for _, ops := range [][]int{nil, {2}, {^4}, {0, ^3, 4, ^0}} {
							as, ds := w, 6*w
							if shared {
								as = 0
							}
							a, d := fill(rows*w), fill(rows*ds)
							var b, c []float32
							if withBC {
								b, c = fill(rows*w), fill(rows*w)
							}
							z := make([]float32, rows*w)
							CombineRows(rows, w, z, a, as, b, c, d, ds, ops)
							for j := range rows {
								for i := range w {
									want := a[j*as+i]
									if withBC {
										want = want + b[j*w+i] - c[j*w+i]
									}
									for _, r := range ops {
										if r >= 0 {
											want += d[j*ds+r*w+i]
										} else {
											want -= d[j*ds+^r*w+i]
										}
									}
									if got := z[j*w+i]; got != want {
										t.Fatalf("simd=%v w=%d rows=%d shared=%v bc=%v ops=%v [%d][%d]: %v, want %v", useSIMD, w, rows, shared, withBC, ops, j, i, got, want)
									}
								}
							}
						}
					}
				}
			}
		}
	})
}

// TestReLUAndFinite: both kernels clamp negatives to zero and report a
// NaN or an infinity wherever it sits, around the 8-value chunk.
func TestReLUAndFinite(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 5))
	kernels(func(useSIMD bool) {
		for _, n := range []int{0, 1, 7, 8, 9, 64, 70} {
			x := make([]float32, n)
			for i := range x {
				x[i] = float32(rng.NormFloat64())
			}
			y := append([]float32(nil), x...)
			if !Finite(y) || !ReLU(y) {
				t.Fatalf("simd=%v n=%d: finite values reported non-finite", useSIMD, n)
			}
			for i, v := range y {
				if v != max(x[i], 0) {
					t.Fatalf("simd=%v n=%d: ReLU(%v) = %v", useSIMD, n, x[i], v)
				}
			}
			for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
				for i := range n {
					z := append([]float32(nil), x...)
					z[i] = bad
					if Finite(z) || ReLU(z) {
						t.Fatalf("simd=%v n=%d: %v at %d not seen", useSIMD, n, bad, i)
					}
				}
			}
		}
	})
}
