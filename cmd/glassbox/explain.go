package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/reports"
)

func init() {
	register(&command{name: "explain", summary: "explain a run's predictions for the first rows of a table (SHAP or LIME) into JSON or CSV", run: explainCommand})
}

// explainConfig is what the explain command was asked for.
type explainConfig struct {
	run, data, method, out string
	rows, background       int
	samples                int // the method's budget; 0 = its default
	seed                   int64
	shard                  string // "I/N": explain the I-th of N slices (0-based)
	quiet                  bool   // no progress on standard error
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
	fs.IntVar(&c.samples, "samples", 0, "budget per row: `N` kernel coalitions, permutations or lime neighbourhood samples (0 = the method's default: 2M+2048, 20, 5000)")
	fs.StringVar(&c.shard, "shard", "", "explain only slice `I/N` of the rows (I = 0…N−1, e.g. $JOB_COMPLETION_INDEX/8) into a part file (.json); `glassbox explain merge` joins the parts")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress on standard error")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox explain --run DIR --data FILE --out FILE.json|FILE.csv [flags]\n\n"+
			"Explains the run's predictions for the first rows of FILE. Shapley values (exact, kernel,\n"+
			"permutation) have one player per original column (a category's one-hot columns count once)\n"+
			"and add up to the prediction minus the average over the background; lime fits a weighted\n"+
			"linear surrogate around each row and reports its fidelity. The same seed gives the same file.\n\n"+
			"Rows are explained and written in blocks of "+strconv.Itoa(explainBlockRows)+", so memory does not grow with --rows;\n"+
			"the file appears, complete, when the last block is written. Progress (rows, rows/s, time\n"+
			"left) goes to standard error: a bar on a terminal, a line every 10 s otherwise. Ctrl-C or\n"+
			"SIGTERM stops within a few rows, writes nothing and exits with status 130. (A --shard part\n"+
			"file is written at its end, in one piece.)\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	if err := c.check(fs.Args()); err != nil {
		return err
	}
	// Ctrl-C and SIGTERM cancel ctx; a second one ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)

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
	prog := newExplainProgress(os.Stderr, c.quiet)
	ex, err := newExplainer(run, X, c, part.FirstRow, prog.update)
	if err != nil {
		return err
	}
	rows := X[part.FirstRow : part.FirstRow+part.Rows]
	prog.total = len(rows) // for an interrupt before the first row
	if c.shard != "" {
		err := writeAtomic(c.out, func(w io.Writer) error {
			e, err := explain.ExplainContext(ctx, ex, rows)
			if err != nil {
				return err
			}
			return writePart(w, part, e)
		})
		if err != nil {
			return prog.failed(ctx, err, c.out)
		}
		fmt.Fprintf(stdout, "wrote %s: shard %d of %d, rows %d–%d of %d (%s, seed %d); join the parts with `glassbox explain merge`\n",
			c.out, part.Index, part.Of, part.FirstRow+1, part.FirstRow+part.Rows, part.TotalRows, c.method, c.seed)
		return nil
	}
	var summary explain.Importance
	err = writeAtomic(c.out, func(w io.Writer) error {
		return streamExplanation(ctx, ex, rows, w, c, &summary)
	})
	if err != nil {
		return prog.failed(ctx, err, c.out)
	}
	fmt.Fprint(stdout, summary.Text())
	fmt.Fprintf(stdout, "wrote %s (%s, %d rows of %s, seed %d)\n", c.out, c.method, c.rows, c.data, c.seed)
	return nil
}

// explainBlockRows is the number of rows explained and written at a time.
const explainBlockRows = 1024

// streamExplanation explains rows block by block (explain.Stream), writes
// each block to w in c's format as soon as it is done and adds it to
// summary. What JSON puts after the values waits in temporary files beside
// c.out until the end.
func streamExplanation(ctx context.Context, ex explain.Explainer, rows [][]float64, w io.Writer, c explainConfig,
	summary *explain.Importance) error {
	bw := bufio.NewWriter(w)
	var out interface {
		Write(*explain.Explanation) error
	}
	if c.csv() {
		out = explain.NewCSVWriter(bw)
	} else {
		jw := explain.NewJSONWriter(bw, filepath.Dir(c.out))
		defer jw.Discard()
		out = jw
	}
	err := explain.Stream(ctx, ex, rows, explainBlockRows, func(_ int, part *explain.Explanation) error {
		if err := out.Write(part); err != nil {
			return err
		}
		return summary.Add(part)
	})
	if err != nil {
		return err
	}
	if jw, ok := out.(*explain.JSONWriter); ok {
		if err := jw.Close(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// explainProgress counts the rows explained and shows them on standard
// error: a bar on a terminal, a line every ten seconds otherwise, nothing
// with --quiet.
type explainProgress struct {
	done, total int
	bar         bool // a bar is being redrawn on a terminal
	show        func(done, total int)
	w           io.Writer
}

func newExplainProgress(stderr *os.File, quiet bool) *explainProgress {
	p := &explainProgress{w: stderr}
	if quiet {
		return p
	}
	st, err := stderr.Stat()
	p.bar = err == nil && st.Mode()&os.ModeCharDevice != 0
	p.show = reports.TerminalProgress(stderr, p.bar)
	return p
}

// update is the explainer's progress hook.
func (p *explainProgress) update(done, total int) {
	p.done, p.total = done, total
	if p.show != nil {
		p.show(done, total)
	}
}

// failed turns the error of an explanation into the command's: after
// Ctrl-C or SIGTERM, how far it got and that path was not written.
func (p *explainProgress) failed(ctx context.Context, err error, path string) error {
	if ctx.Err() == nil || !errors.Is(err, context.Canceled) {
		return err
	}
	if p.bar && p.done < p.total {
		fmt.Fprintln(p.w) // end the bar's line
	}
	return exitError{code: 130, err: fmt.Errorf("interrupted after %d of %d rows; nothing written to %s", p.done, p.total, path)}
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
	case c.samples < 0:
		return fmt.Errorf("--samples must be ≥ 0 (0 = the method's default), got %d", c.samples)
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
// back to original values. progress, when not nil, is the explainer's
// progress hook.
func newExplainer(run *ml.Run, X [][]float64, c explainConfig, firstRow int, progress func(done, total int)) (explain.Explainer, error) {
	if c.method == "lime" {
		return explain.NewLIME(run.RawModel(), X, explain.LIMEOptions{Seed: c.seed, FirstRow: firstRow, Samples: c.samples, Progress: progress})
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
	o := explain.Options{Seed: c.seed, BackgroundWeights: weights, FirstRow: firstRow, Samples: c.samples, Progress: progress}
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
