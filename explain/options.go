package explain

import (
	"fmt"
	"math"
	"strings"
)

// Link names accepted by Options.Link.
const (
	LinkIdentity = "identity"
	LinkLogit    = "logit"
)

// DefaultBatchSize is the number of rows sent to Model.Predict in one
// call when Options.BatchSize is 0, unless the rows are so wide that
// a batch would exceed 32 MiB (then as many rows as fit, at least one).
const DefaultBatchSize = 8192

// Options configures the Shapley explainers. The zero value is valid:
// default budget, seed 0, all cores, equally weighted background, identity
// link, one player per feature.
type Options struct {
	// Samples is the budget: coalitions for Kernel (default 2M+2048),
	// permutations for Permutation (default 20, rounded up to an even
	// number: each antithetic pass is a permutation and its reverse).
	// 0 means the default; Exact and Linear ignore it.
	Samples int
	// Seed seeds every random choice; row r uses a generator derived from
	// (Seed, FirstRow + r), so the same seed and input give identical values
	// on every call, whatever Workers is.
	Seed int64
	// FirstRow is the index of X[0] among all the rows being explained with
	// this Seed: rows explained in parts (shards), each with FirstRow set to
	// its first row's index, get the values one call would give; Merge joins
	// the parts. 0 for a single call.
	FirstRow int
	// FeatureNames names the input columns; nil means the model's own
	// names (Described), else x0, x1, ….
	FeatureNames []string
	// OutputNames names the model outputs; nil means the model's own
	// names (Described), else y0, y1, ….
	OutputNames []string
	// Workers is the number of rows explained in parallel; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// BackgroundWeights weights the background rows (non-negative, finite,
	// positive sum; normalised to sum 1). nil weights them equally.
	BackgroundWeights []float64
	// Link is the space the values explain: "identity" (default) or
	// "logit", which explains logit(E_b[f]) — the log-odds of a
	// probability output — so that Σφ + base = logit(f(x)).
	Link string
	// Groups makes each listed set of input columns a single player (for
	// example the one-hot columns of one categorical column). When set,
	// the groups must cover every column exactly once, and Values has one
	// entry per group.
	Groups [][]int
	// GroupNames names the groups (default: the names of their columns
	// joined by "+").
	GroupNames []string
	// BatchSize caps the rows of one Model.Predict call, which bounds
	// the memory of a batch to about BatchSize × columns × 8 bytes
	// per worker (default DefaultBatchSize, less for rows wider than
	// 512 columns so that a batch stays within 32 MiB).
	BatchSize int
	// Progress, when set, is called as rows are explained: with done = 0
	// when the work starts, then after every row with done rising by one
	// to total, the rows of the call (of all X for Stream). Calls come
	// from the explaining goroutines one at a time, never concurrently,
	// so the hook needs no lock but should return quickly; a hook that
	// redraws should limit how often (reports.ExplainProgress does).
	Progress func(done, total int)
	// Categories, when set (nil means the model's own, Categorized), has
	// one entry per input column: a non-nil
	// Categories[j] says column j holds category codes 0, 1, … naming
	// Categories[j][code]. It changes no value; the Explanation keeps it
	// so that views show "channel = web" rather than "channel = 2".
	Categories [][]string
}

// config is the validated form of Options together with the background.
type config struct {
	opts       Options
	background [][]float64
	weights    []float64 // normalised, sum 1
	columns    int
	players    [][]int  // input columns of each player
	names      []string // player names
	colNames   []string
	categories [][]string
	workers    int
	batchRows  int
	logit      bool
}

// newConfig validates the background and the options; names and
// categories the options leave empty come from the model (Described,
// Categorized).
func newConfig(m Model, background [][]float64, o Options) (*config, error) {
	if len(background) == 0 {
		return nil, fmt.Errorf("explain: background is empty: at least one row is needed")
	}
	cols := len(background[0])
	if cols == 0 {
		return nil, fmt.Errorf("explain: background row 0 has no columns")
	}
	if err := checkMatrix("background", background, cols); err != nil {
		return nil, err
	}
	var err error
	c := &config{opts: o, background: background, columns: cols}
	if o.Samples < 0 {
		return nil, fmt.Errorf("explain: Options.Samples is %d; want ≥ 0 (0 = default)", o.Samples)
	}
	if o.Workers < 0 {
		return nil, fmt.Errorf("explain: Options.Workers is %d; want ≥ 0 (0 = all cores)", o.Workers)
	}
	if o.FirstRow < 0 {
		return nil, fmt.Errorf("explain: Options.FirstRow is %d; want ≥ 0", o.FirstRow)
	}
	c.workers = workers(o.Workers)
	if o.BatchSize < 0 {
		return nil, fmt.Errorf("explain: Options.BatchSize is %d; want ≥ 0 (0 = default)", o.BatchSize)
	}
	c.batchRows = o.BatchSize
	if c.batchRows == 0 {
		c.batchRows = max(1, min(DefaultBatchSize, (32<<20)/(8*cols)))
	}
	switch o.Link {
	case "", LinkIdentity:
	case LinkLogit:
		c.logit = true
	default:
		return nil, fmt.Errorf("explain: Options.Link %q unknown; want %q or %q", o.Link, LinkIdentity, LinkLogit)
	}
	if c.weights, err = normaliseWeights(o.BackgroundWeights, len(background)); err != nil {
		return nil, err
	}
	if c.colNames, err = featureNames(m, o.FeatureNames, cols, "Options.FeatureNames"); err != nil {
		return nil, err
	}
	if c.categories, err = categoryLabels(m, o.Categories, cols, "Options.Categories"); err != nil {
		return nil, err
	}
	if err := c.setPlayers(); err != nil {
		return nil, err
	}
	return c, nil
}

func normaliseWeights(w []float64, n int) ([]float64, error) {
	out := make([]float64, n)
	if w == nil {
		for i := range out {
			out[i] = 1 / float64(n)
		}
		return out, nil
	}
	if len(w) != n {
		return nil, fmt.Errorf("explain: Options.BackgroundWeights has %d weights for %d background rows", len(w), n)
	}
	sum := 0.0
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("explain: Options.BackgroundWeights[%d] is %v; want finite and ≥ 0", i, v)
		}
		sum += v
	}
	if !(sum > 0) {
		return nil, fmt.Errorf("explain: Options.BackgroundWeights sum to 0")
	}
	for i, v := range w {
		out[i] = v / sum
	}
	return out, nil
}

// setPlayers derives the players from Options.Groups.
func (c *config) setPlayers() error {
	o := c.opts
	if o.Groups == nil {
		if o.GroupNames != nil {
			return fmt.Errorf("explain: Options.GroupNames set without Options.Groups")
		}
		c.players = make([][]int, c.columns)
		for j := range c.players {
			c.players[j] = []int{j}
		}
		c.names = c.colNames
		return nil
	}
	if o.GroupNames != nil && len(o.GroupNames) != len(o.Groups) {
		return fmt.Errorf("explain: Options.GroupNames has %d names for %d groups", len(o.GroupNames), len(o.Groups))
	}
	owner := make([]int, c.columns)
	for j := range owner {
		owner[j] = -1
	}
	c.players = make([][]int, len(o.Groups))
	c.names = make([]string, len(o.Groups))
	for g, cols := range o.Groups {
		if len(cols) == 0 {
			return fmt.Errorf("explain: Options.Groups[%d] is empty", g)
		}
		names := make([]string, len(cols))
		for i, j := range cols {
			if j < 0 || j >= c.columns {
				return fmt.Errorf("explain: Options.Groups[%d] lists column %d; want [0,%d)", g, j, c.columns)
			}
			if owner[j] >= 0 {
				return fmt.Errorf("explain: column %d (%s) is in Options.Groups[%d] and [%d]", j, c.colNames[j], owner[j], g)
			}
			owner[j] = g
			names[i] = c.colNames[j]
		}
		c.players[g] = append([]int(nil), cols...)
		if o.GroupNames != nil {
			c.names[g] = o.GroupNames[g]
		} else {
			c.names[g] = strings.Join(names, "+")
		}
	}
	for j, g := range owner {
		if g < 0 {
			return fmt.Errorf("explain: column %d (%s) is in no group; Options.Groups must cover every column", j, c.colNames[j])
		}
	}
	return nil
}

// linkName is the Explanation.Link of the configuration.
func (c *config) linkName() string {
	if c.logit {
		return LinkLogit
	}
	return LinkIdentity
}

// checkMatrix reports the first row of X whose width is not cols or that
// holds a NaN or an infinity.
func checkMatrix(what string, X [][]float64, cols int) error {
	for r, row := range X {
		if len(row) != cols {
			return fmt.Errorf("explain: %s row %d has %d columns; want %d", what, r, len(row), cols)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("explain: %s row %d, column %d is %v; values must be finite", what, r, j, v)
			}
		}
	}
	return nil
}
