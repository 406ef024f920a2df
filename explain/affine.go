package explain

import (
	"fmt"
	"math"

	"github.com/glassbox-ml/glassbox/internal/vec"
)

// firstLayer is the background's side of an Affine model's first step,
// computed once per explainer: z(∅, b) and each player's part for every
// background row of positive weight.
type firstLayer struct {
	model Affine
	units int
	c     []float64
	zb    [][]float64   // per background row: c + Σ_j A_j(b_j)
	pb    [][][]float64 // per background row and player: Σ_{j∈p} A_j(b_j)
}

// newFirstLayer splits the background through m's first layer; it returns
// nil when the model declines (a nil c), and explainers then call Predict.
func newFirstLayer(m Affine, cfg *config) (*firstLayer, error) {
	f := &firstLayer{model: m, zb: make([][]float64, len(cfg.background)), pb: make([][][]float64, len(cfg.background))}
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
		f.pb[b] = playerParts(parts, cfg.players, f.units)
		f.zb[b] = sumParts(f.c, f.pb[b])
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

// affineRow is the explained row's side: z(x), the differences
// d[b][p] = Σ_{j∈p} A_j(x_j) − A_j(b_j), and the last coalition built with
// each background row, from which the next one may be reached in fewer
// steps.
type affineRow struct {
	zx   []float64
	d    [][]float64 // d[b]: the players' differences back to back, players × units
	cur  [][]float64 // cur[b]: z of the last coalition with background row b, kept across batches
	last []bool      // that coalition's players; nil before the first
}

// reset splits x through the first layer.
func (r *affineRow) reset(f *firstLayer, cfg *config, x []float64) error {
	c, parts, err := f.parts(x)
	if err != nil {
		return err
	}
	if c == nil {
		return fmt.Errorf("explain: AffineParts declined the explained row after splitting the background")
	}
	px := playerParts(parts, cfg.players, f.units)
	r.zx = sumParts(f.c, px)
	if r.d == nil {
		r.d = make([][]float64, len(cfg.background))
		r.cur = make([][]float64, len(cfg.background))
	}
	for b := range cfg.background {
		if f.pb[b] == nil {
			continue
		}
		if r.d[b] == nil {
			r.d[b], r.cur[b] = make([]float64, len(px)*f.units), make([]float64, f.units)
		}
		for p := range px {
			vec.SubTo(r.d[b][p*f.units:(p+1)*f.units], px[p], f.pb[b][p])
		}
	}
	r.last = nil
	return nil
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
// additions to ops: p for + d_p, ^p (−p−1) for − d_p.
func (r *affineRow) plan(players []bool, size int, ops []int) (step, []int) {
	diff := 0
	if r.last != nil {
		for p, on := range players {
			if on != r.last[p] {
				diff++
			}
		}
	}
	M := len(players)
	best, cost := fromEmpty, size
	if M-size < cost {
		best, cost = fromFull, M-size
	}
	if r.last != nil {
		if diff == M && cost > 2 {
			return fromComplement, ops
		}
		if diff < cost {
			best = fromLast
		}
	}
	for p, on := range players {
		switch {
		case best == fromEmpty && on, best == fromLast && on && !r.last[p]:
			ops = append(ops, p)
		case best == fromFull && !on, best == fromLast && !on && r.last[p]:
			ops = append(ops, ^p)
		}
	}
	return best, ops
}

// fill writes into z the pre-activation, with background row b, of the
// coalition that s and ops build; prev is the pre-activation of the
// coalition built before it with b.
func (r *affineRow) fill(z []float64, f *firstLayer, b int, s step, ops []int, prev []float64) {
	switch s {
	case fromEmpty:
		vec.Combine(z, f.zb[b], r.d[b], ops)
	case fromFull:
		vec.Combine(z, r.zx, r.d[b], ops)
	case fromLast:
		vec.Combine(z, prev, r.d[b], ops)
	case fromComplement:
		vec.AddTo(z, r.zx, f.zb[b])
		vec.Sub(z, prev)
	}
}

// remember records players as the last coalition built.
func (r *affineRow) remember(players []bool) {
	if r.last == nil {
		r.last = make([]bool, len(players))
	}
	copy(r.last, players)
}

// structured fills the batch with pre-activations for an Affine model and
// marks the empty and full coalitions in known. It works a block of
// coalitions at a time and, within the block, background row by background
// row, so that one background row's differences stay in cache while they
// serve the whole block; the rows keep the black-box path's order
// (coalition, then background row), so the sums are added in the same
// order.
func (g *game) structured(n int, mask func(i int, dst []bool), known []int8) error {
	e, f, r := g.e, g.e.first, &g.aff
	M := len(e.cfg.players)
	var active []int // background rows of positive weight
	for b, w := range e.cfg.weights {
		if w > 0 {
			active = append(active, b)
		}
	}
	nb := len(active)
	if len(g.rows) < nb {
		g.rows = matrix(nb, f.units)
		g.targets, g.weights = make([]int, nb), make([]float64, nb)
	}
	block := len(g.rows) / nb
	mask1 := make([]bool, M)
	plans, ids := make([]step, block), make([]int, block)
	var ops []int
	opsAt := make([]int, block+1) // coalition c's additions are ops[opsAt[c]:opsAt[c+1]]
	for i := 0; i < n; {
		k := 0
		ops = ops[:0]
		for ; i < n && k < block; i++ {
			mask(i, mask1)
			size := 0
			for _, on := range mask1 {
				if on {
					size++
				}
			}
			switch size {
			case 0:
				known[i] = 1
				continue
			case M:
				known[i] = 2
				continue
			}
			plans[k], ops = r.plan(mask1, size, ops)
			ids[k] = i
			r.remember(mask1)
			k++
			opsAt[k] = len(ops)
		}
		if g.pending+k*nb > len(g.rows) {
			if err := g.flush(); err != nil {
				return err
			}
		}
		for j, b := range active {
			prev := r.cur[b]
			for c := range k {
				at := g.pending + c*nb + j
				r.fill(g.rows[at], f, b, plans[c], ops[opsAt[c]:opsAt[c+1]], prev)
				g.targets[at], g.weights[at] = ids[c], e.cfg.weights[b]
				prev = g.rows[at]
			}
			if k > 0 {
				copy(r.cur[b], prev)
			}
		}
		g.pending += k * nb
	}
	return nil
}
