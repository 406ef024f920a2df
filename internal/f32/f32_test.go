package f32

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestForwardMatchesFloat64: every layer shape (narrow and wide, widths
// around the kernels' 4-row, 8- and 16-column blocks) agrees with a float64
// evaluation, on the SIMD kernels and on the portable ones, with padding
// cells left zero.
func TestForwardMatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	kernels(func(useSIMD bool) {
		for _, rows := range []int{1, 3, 4, 9} {
			for _, in := range []int{1, 7, 8, 10, 30} {
				for _, units := range []int{1, 3, 8, 13, 16, 24, 64} {
					for _, relu := range []bool{false, true} {
						for _, reluIn := range []bool{false, true} {
							kernel := make([]float32, in*units)
							bias := make([]float32, units)
							for i := range kernel {
								kernel[i] = float32(rng.NormFloat64())
							}
							for i := range bias {
								bias[i] = float32(rng.NormFloat64())
							}
							var a, z Matrix
							a.Reset(rows, in)
							for r := range rows {
								for i := range a.Row(r) {
									a.Row(r)[i] = float32(rng.NormFloat64())
								}
							}
							a0 := append([]float32(nil), a.Data...) // the wide layers rectify a in place
							NewLayer(in, units, kernel, bias).Forward(&z, &a, reluIn, relu)
							for r := range Pad4(rows) {
								for j := range z.Stride() {
									got := z.Data[r*z.Stride()+j]
									if r >= rows || j >= units {
										if j >= units && got != 0 {
											t.Fatalf("simd=%v %dx%d→%d: padding cell (%d,%d) = %g", useSIMD, rows, in, units, r, j, got)
										}
										continue
									}
									want := float64(bias[j])
									for i := range in {
										v := a0[r*a.Stride()+i]
										if reluIn {
											v = max(v, 0)
										}
										want += float64(v) * float64(kernel[i*units+j])
									}
									if relu {
										want = max(want, 0)
									}
									if math.Abs(float64(got)-want) > 1e-5*(1+math.Abs(want))*float64(in) {
										t.Fatalf("simd=%v %dx%d→%d relu in/out=%v/%v: z[%d][%d] = %g, want %g", useSIMD, rows, in, units, reluIn, relu, r, j, got, want)
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

// TestSetRow: conversion with and without ReLU, on both kernels, for widths
// around the 8-value block, flags NaN and ±Inf wherever they are.
func TestSetRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	kernels(func(useSIMD bool) {
		for _, cols := range []int{1, 7, 8, 9, 16, 30, 64} {
			for _, relu := range []bool{false, true} {
				src := make([]float64, cols)
				for i := range src {
					src[i] = rng.NormFloat64()
				}
				var m Matrix
				m.Reset(2, cols)
				if !m.SetRow(1, src, relu) {
					t.Fatalf("simd=%v cols=%d: finite row reported non-finite", useSIMD, cols)
				}
				for i, v := range src {
					want := float32(v)
					if relu {
						want = max(want, 0)
					}
					if got := m.Row(1)[i]; got != want {
						t.Fatalf("simd=%v cols=%d relu=%v: [%d] = %v, want %v", useSIMD, cols, relu, i, got, want)
					}
				}
				for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
					for _, at := range []int{0, cols - 1, cols / 2} {
						src[at] = bad
						if m.SetRow(0, src, relu) {
							t.Fatalf("simd=%v cols=%d: %v at %d not flagged", useSIMD, cols, bad, at)
						}
						src[at] = 1
					}
				}
			}
		}
	})
}

// TestResetClearsPadding: a matrix reused for fewer columns has zero
// padding columns whatever it held before, so a following layer's zero
// kernel rows meet zeros, not stale values (NaN · 0 would be NaN).
func TestResetClearsPadding(t *testing.T) {
	var m Matrix
	m.Reset(5, 16)
	for i := range m.Data {
		m.Data[i] = float32(math.NaN())
	}
	m.Reset(5, 11)
	for r := range Pad4(5) {
		for j := 11; j < m.Stride(); j++ {
			if v := m.Data[r*m.Stride()+j]; v != 0 {
				t.Fatalf("padding cell (%d,%d) = %v", r, j, v)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	kernel := make([]float32, 11*3)
	for i := range kernel {
		kernel[i] = float32(rng.NormFloat64())
	}
	for r := range 5 {
		for i := range m.Row(r) {
			m.Row(r)[i] = 1
		}
	}
	var z Matrix
	NewLayer(11, 3, kernel, make([]float32, 3)).Forward(&z, &m, false, false)
	for r := range 5 {
		for _, v := range z.Row(r) {
			if v != v {
				t.Fatalf("row %d: NaN leaked from a stale cell", r)
			}
		}
	}
}

// kernels calls f with the SIMD kernels, where the CPU has them, and with
// the portable ones.
func kernels(f func(useSIMD bool)) {
	saved := simd
	defer func() { simd = saved }()
	for _, useSIMD := range []bool{true, false} {
		if useSIMD && !saved {
			continue
		}
		simd = useSIMD
		f(useSIMD)
	}
}
