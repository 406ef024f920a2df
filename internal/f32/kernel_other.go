//go:build !amd64

package f32

var simd = false

func block4x16(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	block4x16Go(k, a, lda, w, ldw, bias, z, ldz, relu)
}

func block4x8(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	block4x8Go(k, a, lda, w, ldw, bias, z, ldz, relu)
}

func dot4(k int, a []float32, lda int, w []float32, out *[4]float32) { dot4Go(k, a, lda, w, out) }

func convert(dst []float32, src []float64, relu bool) bool { return convertGo(dst, src, relu) }
