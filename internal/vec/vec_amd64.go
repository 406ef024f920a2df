package vec

import "golang.org/x/sys/cpu"

// simd reports whether the AVX2 kernel runs; tests turn it off.
var simd = cpu.X86.HasAVX2

//go:noescape
func kernelAdd(n int, dst, s *float64, sub bool)

// kernelCombine is Combine for the first m columns (a multiple of 16) of
// rows of stride n values.
//
//go:noescape
func kernelCombine(m, n int, z, base, d *float64, rows []int)

func add(dst, s []float64, sign float64) {
	n := len(dst) &^ 15
	if !simd || n == 0 {
		addGo(dst, s, sign)
		return
	}
	_ = s[len(dst)-1]
	kernelAdd(n, &dst[0], &s[0], sign < 0)
	addGo(dst[n:], s[n:len(dst)], sign)
}
