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
