//go:build !amd64

package vec

var simd = false

func add(dst, s []float64, sign float64) { addGo(dst, s, sign) }
