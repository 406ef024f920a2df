package f32

import "golang.org/x/sys/cpu"

// simd reports whether the AVX2+FMA kernels run; tests turn it off to
// check the portable ones.
var simd = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func kernel4x16(k int, a *float32, lda int, w *float32, ldw int, bias, z *float32, ldz int, relu bool)

//go:noescape
func kernel4x8(k int, a *float32, lda int, w *float32, ldw int, bias, z *float32, ldz int, relu bool)

//go:noescape
func kernelDotRows(rows, k int, a *float32, lda int, w *float32, bias float32, z *float32, ldz int, reluIn, reluOut bool)

//go:noescape
func kernelConvert(n int, dst *float32, src *float64, relu bool) (finite bool)

// The slices' lengths are checked once here, so that the assembly may read
// and write the blocks without bounds checks.

func block4x16(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	if !simd {
		block4x16Go(k, a, lda, w, ldw, bias, z, ldz, relu)
		return
	}
	_, _, _, _ = a[3*lda+k-1], w[(k-1)*ldw+15], bias[15], z[3*ldz+15]
	kernel4x16(k, &a[0], lda, &w[0], ldw, &bias[0], &z[0], ldz, relu)
}

func block4x8(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	if !simd {
		block4x8Go(k, a, lda, w, ldw, bias, z, ldz, relu)
		return
	}
	_, _, _, _ = a[3*lda+k-1], w[(k-1)*ldw+7], bias[7], z[3*ldz+7]
	kernel4x8(k, &a[0], lda, &w[0], ldw, &bias[0], &z[0], ldz, relu)
}

func dotRows(rows, k int, a []float32, lda int, w []float32, bias float32, z []float32, ldz int, reluIn, reluOut bool) {
	if !simd || k%8 != 0 || k == 0 || rows%4 != 0 {
		dotRowsGo(rows, k, a, lda, w, bias, z, ldz, reluIn, reluOut)
		return
	}
	if rows == 0 {
		return
	}
	_, _, _ = a[(rows-1)*lda+k-1], w[k-1], z[(rows-1)*ldz]
	kernelDotRows(rows, k, &a[0], lda, &w[0], bias, &z[0], ldz, reluIn, reluOut)
}

func convert(dst []float32, src []float64, relu bool) bool {
	n := len(dst) &^ 7
	if !simd || n == 0 {
		return convertGo(dst, src, relu)
	}
	_ = src[len(dst)-1]
	finite := kernelConvert(n, &dst[0], &src[0], relu)
	return convertGo(dst[n:], src[n:len(dst)], relu) && finite
}

// kernelCheck is check for n values, a multiple of 8.
//
//go:noescape
func kernelCheck(n int, x *float32, relu bool) (finite bool)

// kernelCombineRows is CombineRows, its arguments checked.
//
//go:noescape
func kernelCombineRows(rows, w int, z, a *float32, as int, b, c, d *float32, ds int, ops []int)

// kernelSigmoid is Sigmoid for n values, a multiple of 8.
//
//go:noescape
func kernelSigmoid(n int, x *float32)
