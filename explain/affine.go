package explain

import (
	"fmt"
	"math"

	"github.com/glassbox-ml/glassbox/internal/f32"
	"github.com/glassbox-ml/glassbox/internal/vec"
)

// firstLayer is the background's side of an Affine model's first step,
// computed once per explainer: z(∅, b) and each player's part for every
// background row b of positive weight (the active rows).
type firstLayer struct {
	model   Affine
	head32  Head32 // non-nil when the model evaluates float32 pre-activations
	units   int
	c       []float64
	active  []int         // the background rows of positive weight
	weights []float64     // their weights
	zb      [][]float64   // per active row: c + Σ_j A_j(b_j)
	pb      [][][]float64 // per active row and player: Σ_{j∈p} A_j(b_j)
}

// newFirstLayer splits the background through m's first layer; it returns
// nil when the model declines (a nil c), and explainers then call Predict.
func newFirstLayer(m Affine, cfg *config) (*firstLayer, error) {
	f := &firstLayer{model: m}
	f.head32, _ = m.(Head32)
	for b, row := range cfg.background {
		if cfg.weights[b] == 0 {
			continue
		}
		c, parts, err := f.parts(row)
		if err != nil {
			return nil, fmt.Errorf("%w (background row %d)", err, b)
		}
		if c == nil {
			return nil, nil
		}
		if f.c == nil {
			f.c, f.units = c, len(c)
		}
		pb := playerParts(parts, cfg.players, f.units)
		f.active, f.weights = append(f.active, b), append(f.weights, cfg.weights[b])
		f.pb, f.zb = append(f.pb, pb), append(f.zb, sumParts(f.c, pb))
	}
	return f, nil
}

// parts calls AffineParts and checks its answer: len(x) parts of the width
// of c, finite, the same width at every call.
func (f *firstLayer) parts(x []float64) (c []float64, parts [][]float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, parts, err = nil, nil, fmt.Errorf("explain: model panicked in AffineParts: %v", r)
		}
	}()
	c, parts, err = f.model.AffineParts(x)
	switch {
	case err != nil:
		return nil, nil, fmt.Errorf("explain: model failed: %w", err)
	case c == nil:
		return nil, nil, nil
	case f.c != nil && len(c) != f.units:
		return nil, nil, fmt.Errorf("explain: AffineParts returned %d units, earlier %d", len(c), f.units)
	case len(parts) != len(x):
		return nil, nil, fmt.Errorf("explain: AffineParts returned %d parts for %d columns", len(parts), len(x))
	}
	for j, p := range parts {
		if len(p) != len(c) {
			return nil, nil, fmt.Errorf("explain: AffineParts returned %d values for column %d; want %d", len(p), j, len(c))
		}
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("explain: AffineParts returned %v for column %d", v, j)
			}
		}
	}
	return c, parts, nil
}

// playerParts sums the parts of each player's columns.
func playerParts(parts [][]float64, players [][]int, units int) [][]float64 {
	out := matrix(len(players), units)
	for p, cols := range players {
		for _, j := range cols {
			vec.Add(out[p], parts[j])
		}
	}
	return out
}

// sumParts returns c + Σ_p parts[p].
func sumParts(c []float64, parts [][]float64) []float64 {
	z := append([]float64(nil), c...)
	for _, p := range parts {
		vec.Add(z, p)
	}
	return z
}

// number is the precision a structured game builds pre-activations in:
// float64 for Head, float32 for Head32.
type number interface{ float32 | float64 }

// affineRow is the explained row's side, for the active background rows
// b: z(x), the differences d[b][p] = Σ_{j∈p} A_j(x_j) − A_j(b_j), and the
// last coalition built. Its vectors have w values: the units, rounded up
// to a multiple of 8 in float32 (Head32's layout), the padding zero; a
// matrix of them is one slice, row after row.
type affineRow[T number] struct {
	w   int
	zb  []T // z(∅, b), per active row, copied from the first layer
	zx  []T
	d   []T // per active row, the players' differences: players × w
	cur []T // per active row, z of the last coalition, while the batch holding it is evaluated

	players    int
	last, diff mask // the last coalition built (when built), and scratch
	built      bool
	chain      int // coalitions built from the last one since one was built from z(∅, b) or z(x)
}

// maxChain bounds how many coalitions in a row are built from the last
// one, so that rounding errors, which such a chain carries along, stay
// those of a few additions — in float32 too.
const maxChain = 32

// reset splits x through the first layer.
func (r *affineRow[T]) reset(f *firstLayer, cfg *config, x []float64) error {
	c, parts, err := f.parts(x)
	if err != nil {
		return err
	}
	if c == nil {
		return fmt.Errorf("explain: AffineParts declined the explained row after splitting the background")
	}
	px := playerParts(parts, cfg.players, f.units)
	nb, P := len(f.active), len(px)
	if r.d == nil {
		r.w = f.units
		if _, ok := any(r.zx).([]float32); ok {
			r.w = f32.Pad8(f.units)
		}
		r.zx, r.zb = make([]T, r.w), make([]T, nb*r.w)
		r.d, r.cur = make([]T, nb*P*r.w), make([]T, nb*r.w)
		r.players, r.last, r.diff = P, newMask(P), newMask(P)
		for j, zb := range f.zb {
			convertTo(r.zb[j*r.w:], zb)
		}
	}
	convertTo(r.zx, sumParts(f.c, px))
	diff := make([]float64, f.units)
	for j, pb := range f.pb {
		for p := range px {
			vec.SubTo(diff, px[p], pb[p])
			convertTo(r.d[(j*P+p)*r.w:], diff)
		}
	}
	return nil
}

// convertTo sets dst[i] = T(src[i]) for the values of src.
func convertTo[T number](dst []T, src []float64) {
	for i, v := range src {
		dst[i] = T(v)
	}
}

// step is how a coalition's pre-activations are built from known ones.
type step int

const (
	fromEmpty      step = iota // z(∅, b) + Σ_{p∈S} d_p
	fromFull                   // z(x) − Σ_{p∉S} d_p
	fromLast                   // the last coalition's, ± d_p for the players that differ
	fromComplement             // z(x) + z(∅, b) − z(S̄, b)
)

// plan chooses the cheapest way to build the coalition players (size of
// them in it) — the one with the fewest vector additions — and appends its
// additions to ops, in increasing order of players: p for + d_p, ^p
// (−p−1) for − d_p.
func (r *affineRow[T]) plan(players mask, size int, ops []int) (step, []int) {
	M := r.players
	best, cost := fromEmpty, size
	if M-size < cost {
		best, cost = fromFull, M-size
	}
	if r.built && r.chain < maxChain {
		for i, w := range players {
			r.diff[i] = w ^ r.last[i]
		}
		switch diff := r.diff.size(); {
		case diff == M && cost > 2:
			best = fromComplement
		case diff < cost:
			best = fromLast
		}
	}
	r.chain++
	switch best {
	case fromEmpty:
		r.chain = 0
		return best, players.members(ops, M, true)
	case fromFull:
		r.chain = 0
		ops = players.members(ops, M, false)
		for t, p := range ops {
			ops[t] = ^p
		}
	case fromLast:
		ops = r.diff.members(ops, M, true)
		for t, p := range ops {
			if !players.has(p) {
				ops[t] = ^p
			}
		}
	}
	return best, ops
}

// fill writes into z the pre-activations, with every active background
// row, of the coalition that s and ops build; prev holds the coalition's
// built before it.
func (r *affineRow[T]) fill(z []T, s step, ops []int, prev []T) {
	nb, w := len(z)/r.w, r.w
	ds := len(r.d) / max(nb, 1)
	switch s {
	case fromEmpty:
		combineRows(nb, w, z, r.zb, w, nil, nil, r.d, ds, ops)
	case fromFull:
		combineRows(nb, w, z, r.zx, 0, nil, nil, r.d, ds, ops)
	case fromLast:
		combineRows(nb, w, z, prev, w, nil, nil, r.d, ds, ops)
	case fromComplement:
		combineRows(nb, w, z, r.zx, 0, r.zb, prev, r.d, ds, nil)
	}
}

// combineRows is f32.CombineRows, and its float64 twin built on package
// vec.
func combineRows[T number](rows, w int, z, a []T, as int, b, c, d []T, ds int, ops []int) {
	if z, ok := any(z).([]float32); ok {
		f32.CombineRows(rows, w, z, any(a).([]float32), as, any(b).([]float32), any(c).([]float32), any(d).([]float32), ds, ops)
		return
	}
	z64, a64, b64, c64, d64 := any(z).([]float64), any(a).([]float64), any(b).([]float64), any(c).([]float64), any(d).([]float64)
	for j := range rows {
		zj, aj := z64[j*w:(j+1)*w], a64[j*as:j*as+w]
		if b64 != nil {
			vec.AddTo(zj, aj, b64[j*w:(j+1)*w])
			vec.Sub(zj, c64[j*w:(j+1)*w])
			aj = zj
		}
		vec.Combine(zj, aj, d64[j*ds:(j+1)*ds], ops)
	}
}

// remember records players as the last coalition built.
func (r *affineRow[T]) remember(players mask) {
	copy(r.last, players)
	r.built = true
}

// structured fills the batch with pre-activations for an Affine model —
// float64 rows (g.flat) for Head, float32 rows (g.z32) for Head32 — and
// marks the empty and full coalitions in known. A coalition's rows, one
// per active background row, lie together, and follow the black-box
// path's order (coalition, then background row), so the sums are added in
// the same order.
func structured[T number](g *game, r *affineRow[T], batch []T, n int, mask func(i int, dst mask), known []int8) error {
	f := g.e.first
	M, nb, w := len(g.e.cfg.players), len(f.active), r.w
	players := newMask(M)
	var ops []int
	r.built, r.chain = false, 0
	prev := -1 // batch row of the last coalition's first row; −1: in r.cur
	for i := range n {
		mask(i, players)
		size := players.size()
		switch size {
		case 0:
			known[i] = 1
			continue
		case M:
			known[i] = 2
			continue
		}
		if g.pending+nb > g.capacity {
			if prev >= 0 { // the head may overwrite the batch
				copy(r.cur, batch[prev*w:(prev+nb)*w])
				prev = -1
			}
			if err := g.flush(); err != nil {
				return err
			}
		}
		var s step
		s, ops = r.plan(players, size, ops[:0])
		at := g.pending
		last := r.cur
		if prev >= 0 {
			last = batch[prev*w : (prev+nb)*w]
		}
		r.fill(batch[at*w:(at+nb)*w], s, ops, last)
		r.remember(players)
		for j, wt := range f.weights {
			g.targets[at+j], g.weights[at+j] = i, wt
		}
		prev = at
		g.pending += nb
	}
	return nil
}
