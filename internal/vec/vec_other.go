//go:build !amd64

package vec

var simd = false

func add(dst, s []float64, sign float64) { addGo(dst, s, sign) }

func kernelCombine(m, n int, z, base, d *float64, rows []int) { panic("vec: no SIMD kernel") }
