package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

func init() {
	register(&command{name: "train", summary: "train the reference model on a CSV or XLSX file and write a run directory", run: trainCommand})
}

func trainCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stdout)
	file := fs.String("data", "", "training table, `FILE`.csv or .xlsx (header row first)")
	target := fs.String("target", "", "target `COLUMN`")
	out := fs.String("out", "", "run `DIR` to write (config, preprocessing, scalars, checkpoint, metrics)")
	task := fs.String("task", "", "binary, multiclass or regression (default: inferred from the target)")
	epochs := fs.Int("epochs", 10, "training epochs")
	batch := fs.Int("batch-size", 32, "rows per optimiser step")
	seed := fs.Int64("seed", 0, "seed of the split, initial weights and shuffling")
	force := fs.Bool("force", false, "retrain even if DIR holds a finished run of the same data and options")
	quiet := fs.Bool("quiet", false, "no per-epoch progress lines")
	encoding := fs.String("encoding", "", "text encoding of a CSV `NAME`: utf-8, gb18030, gbk, utf-16le, utf-16be (default: detected)")
	strictNumbers := fs.Bool("strict-numbers", false, "stop at a non-number in a numeric column (default: read the few such cells as missing, with a warning)")
	pseudo := fs.String("pseudonymise", "", "replace these columns' values by keyed tokens: `auto` (every column of personal data) or COL,COL,…; the key comes from --key-file or $"+keyEnv)
	keyFile := fs.String("key-file", "", "`FILE` holding the pseudonymisation key (at least 16 bytes; keep it secret)")
	columns := fs.String("columns", "", "train on exactly these `COL,COL,…` (overrides the inferred roles; personal data only pseudonymised)")
	exclude := fs.String("exclude", "", "leave out these `COL,COL,…` as well")
	minCount := fs.Int("min-category-count", 0, "pool categories seen fewer than `N` times in training into \"(other)\"")
	strictTarget := fs.Bool("strict-target", false, "stop at a row without a target value (default: drop such rows and count them)")
	prune := fs.Float64("prune", 0, "after training, set this `FRACTION` (0 ≤ f < 1, e.g. 0.8) of each dense layer's weights, those of smallest magnitude, to zero; the run written is the pruned network")
	pruneEpochs := fs.Int("prune-epochs", 2, "with --prune, fine-tune the pruned network for `N` epochs on the training split (0: none)")
	backend := fs.String("backend", "", "GoMLX backend: go, xla:cpu, xla:cuda (default: $GOMLX_BACKEND, else XLA if installed, else go)")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox train --data FILE --target COLUMN --out DIR [flags]\n\n"+
			"Splits the table 70/15/15 (stratified for classification), fits the preprocessing on the training\n"+
			"rows (mean imputation, z-scores, one-hot categories), trains Dense(64, relu) → Dense(1, sigmoid)\n"+
			"(softmax for several classes, linear for regression) with adam, and writes the run to DIR.\n"+
			"With --prune, the trained network is pruned and fine-tuned, and the run is the pruned one\n"+
			"(`glassbox prune` prunes a run already written).\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	switch {
	case *file == "":
		return errors.New("--data FILE is required")
	case *target == "":
		return errors.New("--target COLUMN is required")
	case *out == "":
		return errors.New("--out DIR is required")
	case *epochs <= 0 || *batch <= 0:
		return fmt.Errorf("--epochs (%d) and --batch-size (%d) must be positive", *epochs, *batch)
	case !(*prune >= 0 && *prune < 1):
		return fmt.Errorf("--prune %v: want a fraction of the weights, 0 ≤ f < 1 (0.8 prunes 80 %%)", *prune)
	case *pruneEpochs < 0:
		return fmt.Errorf("--prune-epochs %d must not be negative", *pruneEpochs)
	}
	if *prune == 0 {
		*pruneEpochs = 0 // its default only applies with --prune
	}
	var pseudonymise []string
	var key []byte
	if *pseudo != "" {
		pseudonymise = splitList(*pseudo)
		var err error
		if key, err = pseudonymKey(*keyFile); err != nil {
			return err
		}
	}
	f, err := data.Loader{Encoding: *encoding, StrictNumbers: *strictNumbers}.ReadFile(*file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "data: %s (%s), %d rows × %d columns; backend %s\n", *file, f.Encoding(), f.Len(), len(f.Names()), ml.BackendInfo(*backend))
	for _, w := range f.Warnings() {
		fmt.Fprintln(stdout, "warning:", w)
	}
	if f, err = ml.Pseudonymise(f, *target, pseudonymise, key); err != nil {
		return err
	}
	roles, err := data.InferRoles(f, *target)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, "\ncolumns:\n", indent(roles.Text()), "\n")
	run, err := ml.Train(f, *target, ml.TrainOptions{Task: ml.Task(*task), Epochs: *epochs, BatchSize: *batch, Seed: *seed,
		Preprocessing:      data.Options{Columns: splitList(*columns), Exclude: splitList(*exclude), MinCategoryCount: *minCount},
		MissingTargetError: *strictTarget,
		Prune:              *prune,
		PruneEpochs:        *pruneEpochs,
		RunDir:             *out, Force: *force, Quiet: *quiet, Out: stdout, Backend: *backend})
	if err != nil {
		return err
	}
	if run.Reused {
		fmt.Fprintf(stdout, "reused the finished run in %s (same data and options; --force retrains)\n", *out)
	}
	d := run.Config.Data
	fmt.Fprintf(stdout, "\ntask: %s; target %q; %d features from %d columns; split %d/%d/%d rows (train/validation/test)\n",
		run.Config.Task, d.Target, len(d.Features), len(d.Columns), d.Split[0], d.Split[1], d.Split[2])
	for _, n := range d.Notes {
		fmt.Fprintln(stdout, "note:", n)
	}
	if q := d.Quality; q != nil && len(q.Findings) > 0 {
		fmt.Fprintf(stdout, "\ndata quality of the training split (drift: against the test split):\n%s", indent(q.Text()))
	}
	fmt.Fprint(stdout, "\n", run.Summary().Text())
	fmt.Fprint(stdout, "\n", run.MetricsTable().Text())
	if run.Config.Prune != nil {
		fmt.Fprintln(stdout, pruneLine(run))
	}
	fmt.Fprintf(stdout, "\nrun written to %s\n", *out)
	return nil
}

// splitList splits a comma-separated flag value, trimming spaces; "" is nil.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// keyEnv holds the pseudonymisation key when --key-file is not given.
const keyEnv = "GLASSBOX_PSEUDONYM_KEY"

// pseudonymKey reads the key of --pseudonymise from file, else from $GLASSBOX_PSEUDONYM_KEY.
func pseudonymKey(file string) ([]byte, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--key-file: %w", err)
		}
		return bytes.TrimSpace(b), nil
	}
	if k := os.Getenv(keyEnv); k != "" {
		return []byte(k), nil
	}
	return nil, fmt.Errorf("--pseudonymise needs a secret key: --key-file FILE or $%s (at least %d bytes, e.g. from `openssl rand -hex 32`)", keyEnv, data.MinKeyBytes)
}

// indent puts two spaces before every line of text.
func indent(text string) string {
	lines := strings.SplitAfter(strings.TrimRight(text, "\n"), "\n")
	return "  " + strings.Join(lines, "  ") + "\n"
}
