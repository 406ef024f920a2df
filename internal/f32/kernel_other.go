//go:build !amd64

package f32

var simd = false

func block4x16(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	block4x16Go(k, a, lda, w, ldw, bias, z, ldz, relu)
}

func block4x8(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	block4x8Go(k, a, lda, w, ldw, bias, z, ldz, relu)
}

func dotRows(rows, k int, a []float32, lda int, w []float32, bias float32, z []float32, ldz int, reluIn, reluOut bool) {
	dotRowsGo(rows, k, a, lda, w, bias, z, ldz, reluIn, reluOut)
}

func convert(dst []float32, src []float64, relu bool) bool { return convertGo(dst, src, relu) }

func kernelCheck(n int, x *float32, relu bool) bool { panic("f32: no SIMD kernel") }

func kernelCombineRows(rows, w int, z, a *float32, as int, b, c, d *float32, ds int, ops []int) {
	panic("f32: no SIMD kernel")
}

func kernelSigmoid(n int, x *float32) { panic("f32: no SIMD kernel") }
