package f32

// combineGo sets z = base + Σ_t ±d_t in Go, d_t being row t of d's rows
// of len(z) values (entries of rows: r added, ^r subtracted).
func combineGo(z, base, d []float32, rows []int) {
	n := len(z)
	copy(z, base)
	for _, r := range rows {
		if r >= 0 {
			for i, v := range d[r*n : (r+1)*n] {
				z[i] += v
			}
			continue
		}
		for i, v := range d[^r*n : (^r+1)*n] {
			z[i] -= v
		}
	}
}

// ReLU sets x[i] = max(x[i], 0) and reports whether every value was
// finite (if not, x is garbage).
func ReLU(x []float32) bool { return check(x, true) }

// Finite reports whether every value of x is finite.
func Finite(x []float32) bool { return check(x, false) }

func check(x []float32, relu bool) bool {
	n := len(x) &^ 7
	finite := true
	if simd && n > 0 {
		finite = kernelCheck(n, &x[0], relu)
	} else {
		n = 0
	}
	return checkGo(x[n:], relu) && finite
}

// checkGo is check in Go.
func checkGo(x []float32, relu bool) bool {
	finite := true
	for i, v := range x {
		finite = finite && v-v == 0 // NaN and ±Inf give NaN
		if relu && v < 0 {
			x[i] = 0
		}
	}
	return finite
}

// CombineRows builds rows vectors of w values with the same additions:
// for each j < rows,
//
//	z_j = a_j (+ b_j − c_j) + Σ_t ±d_j[t],
//
// where z_j = z[j·w:], b_j and c_j likewise (b and c both nil, or both
// not), a_j = a[j·as:] (as = 0: one a for every row) and d_j[t] = row t of
// w values of d[j·ds:]. w must be a multiple of 8. The sums are formed in
// that order.
func CombineRows(rows, w int, z, a []float32, as int, b, c, d []float32, ds int, ops []int) {
	if rows == 0 {
		return
	}
	if w%8 != 0 || (b == nil) != (c == nil) {
		panic("f32: CombineRows needs a width that is a multiple of 8, and b and c both or neither")
	}
	top := 0 // rows of d_j read
	for _, r := range ops {
		if r < 0 {
			r = ^r
		}
		top = max(top, r+1)
	}
	last := rows - 1
	_, _ = z[:rows*w], a[:last*as+w]
	_ = d[:last*ds+top*w]
	if b != nil {
		_, _ = b[:rows*w], c[:rows*w]
	}
	if !simd || w == 0 {
		combineRowsGo(rows, w, z, a, as, b, c, d, ds, ops)
		return
	}
	var pb, pc *float32
	if b != nil {
		pb, pc = &b[0], &c[0]
	}
	kernelCombineRows(rows, w, &z[0], &a[0], as, pb, pc, &d[0], ds, ops)
}

// combineRowsGo is CombineRows in Go.
func combineRowsGo(rows, w int, z, a []float32, as int, b, c, d []float32, ds int, ops []int) {
	for j := range rows {
		zj := z[j*w : (j+1)*w]
		copy(zj, a[j*as:j*as+w])
		if b != nil {
			for i, v := range b[j*w : (j+1)*w] {
				zj[i] = zj[i] + v - c[j*w+i]
			}
		}
		combineGo(zj, zj, d[j*ds:], ops)
	}
}
