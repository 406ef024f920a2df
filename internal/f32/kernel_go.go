package f32

// The portable kernels: what the assembly computes, in Go. The amd64 build
// uses them when the CPU lacks AVX2 or FMA, and the tests compare both.

// block4x16Go sets z[r][j] = bias[j] + Σ_i a[r*lda+i]·w[i*ldw+j] for r < 4,
// j < 16, then ReLU if asked.
func block4x16Go(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	blockGo(16, k, a, lda, w, ldw, bias, z, ldz, relu)
}

// block4x8Go is block4x16Go for 8 columns.
func block4x8Go(k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	blockGo(8, k, a, lda, w, ldw, bias, z, ldz, relu)
}

func blockGo(cols, k int, a []float32, lda int, w []float32, ldw int, bias, z []float32, ldz int, relu bool) {
	for r := range 4 {
		zr := z[r*ldz : r*ldz+cols]
		copy(zr, bias[:cols])
		ar := a[r*lda : r*lda+k]
		for i, v := range ar {
			if v == 0 {
				continue
			}
			wi := w[i*ldw : i*ldw+cols]
			for j, wj := range wi {
				zr[j] += v * wj
			}
		}
		if relu {
			for j, v := range zr {
				zr[j] = max(v, 0)
			}
		}
	}
}

// dotRowsGo sets z[r*ldz] = bias + Σ_{i<k} act(a[r*lda+i])·w[i] for
// r < rows, with act = max(·, 0) when reluIn (a NaN stays NaN), then
// max(·, 0) when reluOut.
func dotRowsGo(rows, k int, a []float32, lda int, w []float32, bias float32, z []float32, ldz int, reluIn, reluOut bool) {
	for r := range rows {
		var s float32
		for i, v := range a[r*lda : r*lda+k] {
			if reluIn && v < 0 {
				v = 0
			}
			s += v * w[i]
		}
		s += bias
		if reluOut {
			s = max(s, 0)
		}
		z[r*ldz] = s
	}
}
