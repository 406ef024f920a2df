package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

func init() {
	register(&command{name: "explain", summary: "explain a run's predictions for the first rows of a table (SHAP or LIME) into JSON or CSV", run: explainCommand})
}

// explainConfig is what the explain command was asked for.
type explainConfig struct {
	run, data, method, out string
	rows, background       int
	seed                   int64
	shard                  string // "I/N": explain the I-th of N slices (0-based)
}

func explainCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var c explainConfig
	fs.StringVar(&c.run, "run", "", "run `DIR` written by `glassbox train` or ml.Train")
	fs.StringVar(&c.data, "data", "", "table `FILE` (.csv or .xlsx) with the run's feature columns")
	fs.StringVar(&c.method, "method", "kernel", "exact, kernel, permutation or lime")
	fs.IntVar(&c.rows, "rows", 10, "explain the first `N` rows")
	fs.StringVar(&c.out, "out", "", "output `FILE`: .json or .csv")
	fs.Int64Var(&c.seed, "seed", 0, "seed: the same seed gives the same values")
	fs.IntVar(&c.background, "background", 20, "summarise the table into `K` weighted k-means rows as the Shapley background")
	fs.StringVar(&c.shard, "shard", "", "explain only slice `I/N` of the rows (I = 0…N−1, e.g. $JOB_COMPLETION_INDEX/8) into a part file (.json); `glassbox explain merge` joins the parts")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox explain --run DIR --data FILE --out FILE.json|FILE.csv [flags]\n\n"+
			"Explains the run's predictions for the first rows of FILE. Shapley values (exact, kernel,\n"+
			"permutation) have one player per original column (a category's one-hot columns count once)\n"+
			"and add up to the prediction minus the average over the background; lime fits a weighted\n"+
			"linear surrogate around each row and reports its fidelity. The same seed gives the same file.\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	if err := c.check(fs.Args()); err != nil {
		return err
	}
	run, err := ml.Load(c.run)
	if err != nil {
		return err
	}
	if run.Pipeline == nil {
		return fmt.Errorf("run %s has no preprocessing: explain needs a run written by `glassbox train` or ml.Train", c.run)
	}
	f, err := data.ReadFile(c.data)
	if err != nil {
		return err
	}
	X, err := run.RawRows(f)
	if err != nil {
		return err
	}
	if c.rows > len(X) {
		return fmt.Errorf("--rows %d: %s has only %d rows", c.rows, c.data, len(X))
	}
	part := shardPart{Index: 0, Of: 1, FirstRow: 0, Rows: c.rows, TotalRows: c.rows}
	if c.shard != "" {
		if part, err = parseShard(c.shard, c.rows); err != nil {
			return err
		}
	}
	ex, err := newExplainer(run, X, c, part.FirstRow)
	if err != nil {
		return err
	}
	e, err := ex.Explain(X[part.FirstRow : part.FirstRow+part.Rows])
	if err != nil {
		return err
	}
	if c.shard != "" {
		if err := writeAtomic(c.out, func(w io.Writer) error { return writePart(w, part, e) }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s: shard %d of %d, rows %d–%d of %d (%s, seed %d); join the parts with `glassbox explain merge`\n",
			c.out, part.Index, part.Of, part.FirstRow+1, part.FirstRow+part.Rows, part.TotalRows, c.method, c.seed)
		return nil
	}
	write := e.WriteJSON
	if c.csv() {
		write = e.WriteCSV
	}
	if err := writeAtomic(c.out, write); err != nil {
		return err
	}
	fmt.Fprint(stdout, e.Text())
	fmt.Fprintf(stdout, "wrote %s (%s, %d rows of %s, seed %d)\n", c.out, c.method, c.rows, c.data, c.seed)
	return nil
}

func (c explainConfig) check(rest []string) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q", rest[0])
	case c.run == "":
		return errors.New("--run DIR is required")
	case c.data == "":
		return errors.New("--data FILE is required")
	case c.out == "":
		return errors.New("--out FILE.json or FILE.csv is required")
	case c.rows <= 0:
		return fmt.Errorf("--rows must be positive, got %d", c.rows)
	case c.background <= 0:
		return fmt.Errorf("--background must be positive, got %d", c.background)
	}
	if ext := strings.ToLower(filepath.Ext(c.out)); ext != ".json" && ext != ".csv" {
		return fmt.Errorf("--out %s: the file must end in .json or .csv", c.out)
	}
	if c.shard != "" && c.csv() {
		return fmt.Errorf("--out %s: a shard writes a part file in JSON; merge the parts into CSV", c.out)
	}
	switch c.method {
	case "exact", "kernel", "permutation", "lime":
		return nil
	}
	return fmt.Errorf("--method %q: want exact, kernel, permutation or lime", c.method)
}

func (c explainConfig) csv() bool { return strings.EqualFold(c.outExt(), ".csv") }

func (c explainConfig) outExt() string { return filepath.Ext(c.out) }

// newExplainer explains the run's model as a function of the original
// columns (ml.Run.RawModel), which names its features, outputs and
// categories itself: there is one player per column — a category's one-hot
// features count once — and Data holds the table's own values. LIME learns
// its bins from the table's rows and explains every output. The Shapley
// background is the k-means summary of the rows, computed on the encoded
// (scaled) features so that no column dominates the distances, then mapped
// back to original values.
func newExplainer(run *ml.Run, X [][]float64, c explainConfig, firstRow int) (explain.Explainer, error) {
	if c.method == "lime" {
		return explain.NewLIME(run.RawModel(), X, explain.LIMEOptions{Seed: c.seed, FirstRow: firstRow})
	}
	enc, err := run.Pipeline.EncodeValues(X)
	if err != nil {
		return nil, err
	}
	centres, weights, err := explain.KMeans(enc, min(c.background, len(enc)), c.seed)
	if err != nil {
		return nil, err
	}
	background, err := run.Pipeline.DecodeValues(centres)
	if err != nil {
		return nil, err
	}
	o := explain.Options{Seed: c.seed, BackgroundWeights: weights, FirstRow: firstRow}
	switch c.method {
	case "exact":
		return explain.NewExact(run.RawModel(), background, o)
	case "permutation":
		return explain.NewPermutation(run.RawModel(), background, o)
	}
	return explain.NewKernel(run.RawModel(), background, o)
}

// writeAtomic writes path through a temporary file in the same directory,
// so that a failure leaves no half-written output.
func writeAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
