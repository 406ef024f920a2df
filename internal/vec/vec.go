// Package vec adds and subtracts float64 vectors with AVX2 on amd64 CPUs
// that have it, and in plain Go elsewhere. The explainers' structured
// Shapley path (explain.Affine) builds every masked row's pre-activation
// from a few such operations, so their speed is the path's.
package vec

// Add sets dst[i] += s[i]. The slices have equal lengths.
func Add(dst, s []float64) { add(dst, s, 1) }

// Sub sets dst[i] -= s[i]. The slices have equal lengths.
func Sub(dst, s []float64) { add(dst, s, -1) }

// AddTo sets dst[i] = s[i] + t[i]. The slices have equal lengths.
func AddTo(dst, s, t []float64) {
	copy(dst, s)
	Add(dst, t)
}

// addGo is add in Go: dst[i] += sign·s[i], sign ±1 (exact either way).
func addGo(dst, s []float64, sign float64) {
	s = s[:len(dst)]
	if sign > 0 {
		for i, v := range s {
			dst[i] += v
		}
		return
	}
	for i, v := range s {
		dst[i] -= v
	}
}

// SubTo sets dst[i] = s[i] − t[i]. The slices have equal lengths.
func SubTo(dst, s, t []float64) {
	copy(dst, s)
	Sub(dst, t)
}

// Combine sets z = base + Σ_t ±d_t, where d holds rows of len(z) values
// back to back and each entry of rows is a row index r (row r added) or ^r
// (row r subtracted). It is what the explainers' structured path computes
// for every masked row: z stays in registers while the rows are added.
func Combine(z, base, d []float64, rows []int) {
	n := len(z)
	_ = base[:n]
	for _, r := range rows {
		if r < 0 {
			r = ^r
		}
		_ = d[r*n : (r+1)*n] // bounds, once per row
	}
	done := 0
	if simd && n >= 16 {
		done = n &^ 15
		kernelCombine(done, n, &z[0], &base[0], &d[0], rows)
	}
	if done == n {
		return
	}
	copy(z[done:], base[done:n])
	for _, r := range rows {
		if r >= 0 {
			addGo(z[done:], d[r*n+done:(r+1)*n], 1)
		} else {
			addGo(z[done:], d[^r*n+done:(^r+1)*n], -1)
		}
	}
}
