package explain

import (
	"fmt"
	"math"

	"github.com/glassbox-ml/glassbox/internal/f32"
)

// engine holds what every Shapley explainer shares: the validated
// configuration, the model, and the background's expected output, computed
// once per explainer.
type engine struct {
	cfg      *config
	model    Model
	outputs  int
	outNames []string
	base     []float64   // link(Σ_b w_b f(b)), per output
	first    *firstLayer // the background through an Affine model's first layer; nil for black boxes
}

func newEngine(m Model, background [][]float64, o Options) (*engine, error) {
	if m == nil {
		return nil, fmt.Errorf("explain: model is nil")
	}
	cfg, err := newConfig(m, background, o)
	if err != nil {
		return nil, err
	}
	e := &engine{cfg: cfg, model: m}
	var mean []float64
	for start := 0; start < len(background); start += cfg.batchRows {
		end := min(start+cfg.batchRows, len(background))
		out, err := e.predict(background[start:end])
		if err != nil {
			return nil, fmt.Errorf("%w (predicting background rows %d..%d)", err, start, end-1)
		}
		if mean == nil {
			e.outputs = len(out[0])
			mean = make([]float64, e.outputs)
		}
		for i, y := range out {
			for k, v := range y {
				mean[k] += cfg.weights[start+i] * v
			}
		}
	}
	if e.base, err = cfg.link(mean); err != nil {
		return nil, fmt.Errorf("%w (mean prediction over the background)", err)
	}
	if e.outNames, err = outputNames(m, o.OutputNames, e.outputs, "Options.OutputNames"); err != nil {
		return nil, err
	}
	if a, ok := m.(Affine); ok {
		if e.first, err = newFirstLayer(a, cfg); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// predict runs the model on X through the package's guarded predict, with
// the output count the background fixed.
func (e *engine) predict(X [][]float64) ([][]float64, error) {
	return predict(e.model, X, e.outputs)
}

// batch evaluates the rows a game builds: masked rows through Predict, or
// pre-activations through an Affine model's Head.
func (e *engine) batch(rows [][]float64) ([][]float64, error) {
	if e.first != nil {
		return guarded(e.first.model.Head, rows, e.outputs)
	}
	return e.predict(rows)
}

// link maps expected outputs into the space the values explain.
func (c *config) link(p []float64) ([]float64, error) {
	if !c.logit {
		return p, nil
	}
	out := make([]float64, len(p))
	for k, v := range p {
		if !(v > 0 && v < 1) {
			return nil, fmt.Errorf("explain: logit link needs outputs in (0,1); output %d is %v", k, v)
		}
		out[k] = math.Log(v / (1 - v))
	}
	return out, nil
}

// game evaluates the coalition values of one explained row x:
//
//	v(S) = link( Σ_b w_b · f(x_S, b_S̄) )
//
// where (x_S, b_S̄) takes the columns of the players in S from x and the
// others from background row b; for an Affine model, a batch row is the
// masked row's pre-activation and f its Head (see Affine). A game is
// reused, row after row, by one worker.
type game struct {
	e     *engine
	x     []float64
	fx    []float64 // link(f(x))
	evals int64
	aff   affineRow[float64] // an Affine model's row, for Head
	aff32 affineRow[float32] // the same for Head32

	// The batch: capacity masked rows or float64 pre-activations in rows
	// (views of flat), or float32 pre-activations in z32 (rows of aff32.w
	// values) whose outputs Head32 writes into out.
	rows     [][]float64
	flat     []float64
	z32      []float32
	out      []float64
	capacity int
	pending  int       // rows of the batch in use
	targets  []int     // coalition index of every batch row
	weights  []float64 // background weight of every batch row
	sums     []float64 // Σ_b w_b f, per coalition × output
}

func (e *engine) newGame() *game {
	return &game{e: e}
}

// reset starts a new row and evaluates f(x) (one model row) unless the
// engine has no model (closed-form explainers).
func (g *game) reset(x []float64) error {
	g.x, g.evals = x, 0
	if g.e.model == nil {
		return nil
	}
	g.evals = 1
	out, err := g.e.predict([][]float64{x})
	if err != nil {
		return err
	}
	if g.fx, err = g.e.cfg.link(out[0]); err != nil {
		return err
	}
	switch {
	case g.e.first == nil:
		return nil
	case g.e.first.head32 != nil:
		return g.aff32.reset(g.e.first, g.e.cfg, x)
	}
	return g.aff.reset(g.e.first, g.e.cfg, x)
}

// values returns v(S) for n coalitions, flat: [coalition × output].
// mask(i, dst) writes the player mask of coalition i into dst. The empty
// coalition is the base value and the full one link(f(x)); the others
// cost one model row per background row of positive weight.
func (g *game) values(n int, mask func(i int, dst mask)) ([]float64, error) {
	e, K := g.e, g.e.outputs
	if cap(g.sums) < n*K {
		g.sums = make([]float64, n*K)
	}
	g.sums = g.sums[:n*K]
	clear(g.sums)
	known := make([]int8, n) // 0: model rows, 1: empty, 2: full
	var err error
	switch need := min(e.cfg.batchRows, n*len(e.cfg.background)); {
	case e.first == nil:
		g.reserve(need, e.cfg.columns)
		err = g.masked(n, mask, known)
	case e.first.head32 != nil:
		// Pre-activation batches of about 128 KiB stay in the core's
		// cache between being built and being read by the head.
		w := f32.Pad8(e.first.units)
		g.reserve32(min(need, max(len(e.cfg.background), (128<<10)/(4*w))), w)
		err = structured(g, &g.aff32, g.z32, n, mask, known)
	default:
		g.reserve(min(need, max(len(e.cfg.background), (128<<10)/(8*e.first.units))), e.first.units)
		err = structured(g, &g.aff, g.flat, n, mask, known)
	}
	if err != nil {
		return nil, err
	}
	if err := g.flush(); err != nil {
		return nil, err
	}
	for i, k := range known {
		v := g.sums[i*K : (i+1)*K]
		switch k {
		case 1:
			copy(v, e.base)
		case 2:
			copy(v, g.fx)
		default:
			lv, err := e.cfg.link(v)
			if err != nil {
				return nil, err
			}
			copy(v, lv)
		}
	}
	return g.sums, nil
}

// reserve sizes the batch as need rows of width values in g.rows.
func (g *game) reserve(need, width int) {
	if len(g.rows) < need || (need > 0 && len(g.rows[0]) != width) {
		g.flat = make([]float64, need*width)
		g.rows = make([][]float64, need)
		for i := range g.rows {
			g.rows[i] = g.flat[i*width : (i+1)*width : (i+1)*width]
		}
		g.targets, g.weights = make([]int, need), make([]float64, need)
	}
	g.capacity = len(g.rows)
}

// reserve32 sizes the batch as need float32 rows of w values in g.z32,
// with Head32's padding rows.
func (g *game) reserve32(need, w int) {
	if g.capacity < need || len(g.z32) != f32.Pad4(g.capacity)*w {
		g.z32 = make([]float32, f32.Pad4(need)*w)
		g.out = make([]float64, need*g.e.outputs)
		g.targets, g.weights = make([]int, need), make([]float64, need)
		g.capacity = need
	}
}

// masked fills the batch with masked rows for a black-box model, flushing
// it when full, and marks the empty and full coalitions in known.
func (g *game) masked(n int, mask func(i int, dst mask), known []int8) error {
	e := g.e
	M := len(e.cfg.players)
	players := newMask(M)
	var in, out []int // columns taken from x, from the background
	for i := 0; i < n; i++ {
		mask(i, players)
		in, out = in[:0], out[:0]
		for p, cols := range e.cfg.players {
			if players.has(p) {
				in = append(in, cols...)
			} else {
				out = append(out, cols...)
			}
		}
		switch {
		case len(in) == 0:
			known[i] = 1
			continue
		case len(out) == 0:
			known[i] = 2
			continue
		}
		for b, w := range e.cfg.weights {
			if w == 0 {
				continue
			}
			// Copy the nearer row whole and patch the fewer columns.
			row := g.rows[g.pending]
			if bg := e.cfg.background[b]; len(in) <= len(out) {
				copy(row, bg)
				for _, j := range in {
					row[j] = g.x[j]
				}
			} else {
				copy(row, g.x)
				for _, j := range out {
					row[j] = bg[j]
				}
			}
			g.targets[g.pending], g.weights[g.pending] = i, w
			g.pending++
			if g.pending == g.capacity {
				if err := g.flush(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// flush evaluates the pending batch and adds w_b·f to the coalitions'
// sums.
func (g *game) flush() error {
	if g.pending == 0 {
		return nil
	}
	n, K := g.pending, g.e.outputs
	g.evals += int64(n)
	g.pending = 0
	if g.e.first != nil && g.e.first.head32 != nil {
		if err := guardedHead32(g.e.first.head32, g.z32, n, g.out[:n*K]); err != nil {
			return err
		}
		for r := range n {
			g.add(r, g.out[r*K:(r+1)*K])
		}
		return nil
	}
	out, err := g.e.batch(g.rows[:n])
	if err != nil {
		return err
	}
	for r, y := range out {
		g.add(r, y)
	}
	return nil
}

// add adds w_b·y, the outputs of batch row r, to its coalition's sums.
func (g *game) add(r int, y []float64) {
	s := g.sums[g.targets[r]*len(y):]
	for k, v := range y {
		s[k] += g.weights[r] * v
	}
}
