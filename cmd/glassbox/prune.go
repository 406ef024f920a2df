package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

func init() {
	register(&command{name: "prune", summary: "set the smallest weights of a trained run to zero, fine-tune, and write a new run", run: pruneCommand})
}

func pruneCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("prune", flag.ContinueOnError)
	fs.SetOutput(stdout)
	runDir := fs.String("run", "", "trained run `DIR` (written by `glassbox train` or ml.Train); it is not changed")
	sparsity := fs.Float64("sparsity", 0, "`FRACTION` of each dense layer's weights set to zero, 0 < f < 1 (0.8 prunes 80 %)")
	out := fs.String("out", "", "new run `DIR` for the pruned network")
	file := fs.String("data", "", "fine-tune on this table `FILE` (.csv or .xlsx, with the target): the rows the run was trained on")
	test := fs.String("test", "", "evaluate the run and the pruned network on this held-out table `FILE`")
	epochs := fs.Int("epochs", 2, "fine-tuning epochs on --data (0: none)")
	batch := fs.Int("batch-size", 0, "rows per fine-tuning step (default: the run's)")
	seed := fs.Int64("seed", 0, "seed of the order of the fine-tuning rows")
	force := fs.Bool("force", false, "prune again even if DIR holds a finished run of the same run, data and options")
	quiet := fs.Bool("quiet", false, "no per-epoch progress lines")
	backend := fs.String("backend", "", "GoMLX backend: go, xla:cpu, xla:cuda (default: $GOMLX_BACKEND, else XLA if installed, else go)")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox prune --run DIR --sparsity FRACTION --out DIR [--data FILE [--epochs N]] [--test FILE] [flags]\n\n"+
			"Magnitude pruning: sets the given fraction of each dense layer's kernel weights, those of\n"+
			"smallest magnitude, to zero (biases are kept), fine-tunes the rest on --data with the pruned\n"+
			"weights held at zero, and writes the pruned network as a new run whose config.json records\n"+
			"the parent, the sparsity of each layer and the metrics before and after. Without --data the\n"+
			"network is pruned only; --test compares the two networks on held-out rows.\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case *runDir == "":
		return errors.New("--run DIR is required")
	case *out == "":
		return errors.New("--out DIR is required")
	case filepath.Clean(*out) == filepath.Clean(*runDir):
		return errors.New("--out is the --run directory: the pruned network is written as a new run")
	case *sparsity == 0:
		return errors.New("--sparsity FRACTION is required (0.8 prunes 80 % of the weights)")
	case !(*sparsity > 0 && *sparsity < 1):
		return fmt.Errorf("--sparsity %v: want a fraction of the weights, 0 < f < 1 (0.8 prunes 80 %%)", *sparsity)
	case *epochs < 0 || *batch < 0:
		return fmt.Errorf("--epochs (%d) and --batch-size (%d) must not be negative", *epochs, *batch)
	}
	if *file == "" {
		*epochs = 0 // nothing to fine-tune on
	}
	parent, err := ml.Load(*runDir, *backend)
	if err != nil {
		return err
	}
	opts := ml.PruneOptions{Epochs: *epochs, BatchSize: *batch, Seed: *seed, RunDir: *out, Force: *force, Quiet: *quiet, Out: stdout}
	for _, t := range []struct {
		flag, path string
		f          **data.Frame
	}{{"--data", *file, &opts.Data}, {"--test", *test, &opts.Test}} {
		if t.path == "" {
			continue
		}
		if *t.f, err = data.ReadFile(t.path); err != nil {
			return fmt.Errorf("%s: %w", t.flag, err)
		}
	}
	pruned, err := ml.Prune(parent, *sparsity, opts)
	if err != nil {
		return err
	}
	if pruned.Reused {
		fmt.Fprintf(stdout, "reused the finished run in %s (same run, data and options; --force prunes again)\n", *out)
	}
	if *file != "" || *test != "" {
		fmt.Fprint(stdout, "\n", pruned.MetricsTable().Text())
	}
	fmt.Fprintln(stdout, pruneLine(pruned))
	fmt.Fprintf(stdout, "\nrun written to %s\n", *out)
	return nil
}

// pruneLine says what pruning a run did, in one line:
//
//	pruned 80% of 704 weights (dense_0 512 of 640, dense_1 51 of 64): test AUC 0.934 → 0.921
//
// comparing the headline metric of the task (AUC, accuracy for several
// classes, RMSE for regression) of the dense and the pruned network on the
// test rows, else the validation or training rows.
func pruneLine(run *ml.Run) string {
	pc := run.Config.Prune
	names := ml.LayerNames(run.Config.Layers)
	var layers []string
	for _, l := range pc.Layers {
		name := fmt.Sprint("layer ", l.Layer)
		if l.Layer < len(names) {
			name = names[l.Layer]
		}
		layers = append(layers, fmt.Sprintf("%s %d of %d", name, l.Zeros, l.Weights))
	}
	_, total := pc.Zeros()
	line := fmt.Sprintf("pruned %s of %d weights (%s)", percent(pc.Sparsity), total, strings.Join(layers, ", "))
	metric, label := "auc", "AUC"
	switch run.Config.Task {
	case ml.TaskMulticlass:
		metric, label = "accuracy", "accuracy"
	case ml.TaskRegression:
		metric, label = "rmse", "RMSE"
	}
	for _, set := range []string{"test", "validation", "train"} {
		if before, ok := pc.Before[set][metric]; ok {
			return fmt.Sprintf("%s: %s %s %.3f → %.3f", line, set, label, before, pc.After[set][metric])
		}
	}
	return line + "; no rows to compare the networks on (--data, --test)"
}

// percent formats a fraction as a percentage, with a decimal only when needed.
func percent(f float64) string {
	p := 100 * f
	if p == math.Round(p) {
		return fmt.Sprintf("%.0f%%", p)
	}
	return fmt.Sprintf("%.1f%%", p)
}
