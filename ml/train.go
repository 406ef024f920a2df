package ml

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/glassbox-ml/glassbox/ml/data"
	"gonum.org/v1/gonum/stat"
)

// DataConfig describes the raw table a run made by Train learned from.
type DataConfig struct {
	Target   string   `json:"target"`
	Columns  []string `json:"columns"`  // raw feature columns, in order
	Features []string `json:"features"` // encoded feature names, in model input order
	Classes  []string `json:"classes,omitempty"`
	Split    [3]int   `json:"split"` // train, validation and test rows
	// DroppedRows counts the rows left out because their target was missing.
	DroppedRows int `json:"dropped_rows,omitempty"`
	// Notes are what an analyst should know about the data, one sentence
	// each: rows dropped, categories unseen in training, values read as missing.
	Notes []string `json:"notes,omitempty"`
	// Roles says which columns were used and why the others were set aside.
	Roles data.Roles `json:"roles,omitempty"`
	// Quality holds the data-quality findings on the training split, with
	// drift measured against the test split.
	Quality *data.Quality `json:"quality,omitempty"`
}

// TrainOptions configures Train. Zero values give the reference workflow:
// the task inferred from the target, a 70/15/15 stratified split, the
// preprocessing defaults of package data (mean imputation, z-scores, one-hot
// categories), Dense(64, relu) → output layer, adam at 0.001, 10 epochs of
// batches of 32.
type TrainOptions struct {
	// Task is TaskBinary, TaskMulticlass or TaskRegression; empty infers it:
	// a categorical or boolean target, or a numeric one with at most 10
	// distinct integer values, is classification — binary with two classes,
	// multiclass with more — and any other target regression.
	Task Task
	// Validation and Test are the fractions of rows held out; 0 means 0.15,
	// a negative value means none.
	Validation, Test float64
	// Preprocessing configures the pipeline (the target is always excluded).
	Preprocessing data.Options
	Hidden        int     // units of the hidden layer; 0 means 64
	LearningRate  float64 // adam's step size; 0 means 0.001
	Epochs        int     // 0 means 10
	BatchSize     int     // 0 means 32
	Seed          int64   // split, initial weights and shuffling
	Early         *EarlyStopping
	// Prune, when above 0, prunes the trained network (see Prune): that
	// fraction, below 1, of each dense layer's kernel weights, those of
	// smallest magnitude, is set to zero, and the pruned network is the
	// run's model. PruneEpochs is how many epochs it is then fine-tuned on
	// the training split (0: none), validated as in training. The run's
	// config.json records the dense network's metrics beside the pruned
	// one's (RunConfig.Prune). With Prune, the dense network is trained
	// again on every call; only the pruned run is reused. Progress watches
	// the training of the dense network; fine-tuning is shown as a line per
	// epoch on Out unless Progress or Quiet is set.
	Prune       float64
	PruneEpochs int
	// Pseudonymise names columns whose values are replaced by keyed tokens
	// (data.Frame.Pseudonymise with PseudonymKey) before anything else; "auto"
	// stands for every column data.PersonalColumns finds. Columns of
	// personal data not named here are left out of the features. Either way
	// no raw personal value reaches the run directory.
	Pseudonymise []string
	// PseudonymKey is the secret key of the tokens: at least
	// data.MinKeyBytes bytes; keep it out of notebooks and run directories.
	PseudonymKey []byte
	// MissingTargetError makes rows without a target an error; by default
	// they are dropped and counted (DataConfig.DroppedRows).
	MissingTargetError bool
	// RunDir is where the run is written; empty means no run directory.
	// A finished run there of the same data and options is reused (no
	// training) unless Force.
	RunDir string
	Force  bool
	// Progress watches training; nil means a line per epoch on Out (default
	// stdout) unless Quiet. See FitOptions.Progress.
	Progress Observer
	Quiet    bool
	Out      io.Writer
	Backend  string // GoMLX backend; empty means BackendInfo's rule
}

// Run is a trained model with its preprocessing and run directory, as
// returned by Train and Load.
type Run struct {
	Dir      string
	Config   RunConfig
	Model    *Sequential
	Pipeline *data.Pipeline // nil for runs written by Sequential.Fit
	// Metrics holds the "train", "validation" and "test" blocks of metrics.json.
	Metrics map[string]Metrics
	History *History
	Reused  bool // Train found an identical finished run and did not retrain
}

// Train runs the reference workflow on a raw table: read the target, split
// the rows (stratified for classification), fit the preprocessing pipeline
// on the training rows only, train Dense(Hidden, relu) → Dense(1, sigmoid)
// for two classes, Dense(k, softmax) for k > 2, Dense(1, linear) →
// Rescaling(std(y), mean(y)) for regression (targets standardised on the
// training rows, predictions in the target's units), with
// binary/categorical cross-entropy or mse, evaluate on every split, and
// write the run directory.
func Train(f *data.Frame, target string, opts TrainOptions) (*Run, error) {
	switch {
	case !(opts.Prune >= 0 && opts.Prune < 1):
		return nil, fmt.Errorf("ml: Train: TrainOptions.Prune %v is outside [0, 1): it is the fraction of each layer's weights set to zero", opts.Prune)
	case opts.PruneEpochs < 0:
		return nil, fmt.Errorf("ml: Train: TrainOptions.PruneEpochs %d is negative", opts.PruneEpochs)
	case opts.PruneEpochs > 0 && opts.Prune == 0:
		return nil, fmt.Errorf("ml: Train: TrainOptions.PruneEpochs is %d but Prune is 0: fine-tuning follows pruning", opts.PruneEpochs)
	}
	f, err := Pseudonymise(f, target, opts.Pseudonymise, opts.PseudonymKey)
	if err != nil {
		return nil, err
	}
	popts, roles, err := chooseFeatures(f, target, opts.Preprocessing)
	if err != nil {
		return nil, err
	}
	f, notes, dropped, err := dropMissingTargets(f, target, opts.MissingTargetError)
	if err != nil {
		return nil, err
	}
	task := opts.Task
	classify := task == TaskBinary || task == TaskMulticlass
	switch task {
	case "":
		var err error
		if classify, err = data.IsClassTarget(f, target); err != nil {
			return nil, err
		}
	case TaskBinary, TaskMulticlass, TaskRegression:
	default:
		return nil, fmt.Errorf("ml: Train: unknown task %q: want %q, %q or %q (empty infers it from the target)",
			task, TaskBinary, TaskMulticlass, TaskRegression)
	}
	frac := func(v float64) float64 {
		switch {
		case v == 0:
			return 0.15
		case v < 0:
			return 0
		}
		return v
	}
	var y []float64
	var classes []string
	var split data.Split
	if classify {
		if y, classes, err = data.ClassTarget(f, target); err != nil {
			return nil, err
		}
		switch {
		case task == "" && len(classes) == 2:
			task = TaskBinary
		case task == "":
			task = TaskMulticlass
		case task == TaskBinary && len(classes) != 2:
			return nil, fmt.Errorf("ml: Train: task %q needs a target with two classes; %q has %d (use %q)", TaskBinary, target, len(classes), TaskMulticlass)
		}
		split, err = data.StratifiedSplit(y, frac(opts.Validation), frac(opts.Test), opts.Seed)
	} else {
		task = TaskRegression
		if y, err = data.RegressionTarget(f, target); err != nil {
			return nil, err
		}
		split, err = data.RandomSplit(len(y), frac(opts.Validation), frac(opts.Test), opts.Seed)
	}
	if err != nil {
		return nil, err
	}
	trainF, valF, testF, err := split.Frames(f)
	if err != nil {
		return nil, err
	}
	quality, err := data.Check(trainF, data.CheckOptions{Target: target, Test: testF})
	if err != nil {
		return nil, fmt.Errorf("ml: Train: checking the data: %w", err)
	}
	pipe, err := data.Fit(trainF, popts)
	if err != nil {
		return nil, err
	}
	encode := func(fr *data.Frame, rows []int) (*Dataset, error) {
		if len(rows) == 0 {
			return nil, nil
		}
		X, err := pipe.Transform(fr)
		if err != nil {
			return nil, err
		}
		Y := make([][]float64, len(rows))
		for i, r := range rows {
			Y[i] = []float64{y[r]}
		}
		return &Dataset{X: X, Y: Y}, nil
	}
	trainD, err := encode(trainF, split.Train)
	if err != nil {
		return nil, err
	}
	valD, err := encode(valF, split.Validation)
	if err != nil {
		return nil, err
	}
	testD, err := encode(testF, split.Test)
	if err != nil {
		return nil, err
	}
	if trainD == nil {
		return nil, fmt.Errorf("ml: Train: no training rows left after holding out validation and test")
	}
	layers := referenceLayers(task, len(classes), pipe.NumFeatures(), opts.Hidden)
	if task == TaskRegression {
		layers = append(layers, targetRescaling(trainD.Y))
	}
	m := NewSequential(layers...)
	if err := m.Compile(CompileOptions{LearningRate: opts.LearningRate, Backend: opts.Backend}); err != nil {
		return nil, err
	}
	pjson, err := json.Marshal(pipe)
	if err != nil {
		return nil, fmt.Errorf("ml: Train: saving the preprocessing: %w", err)
	}
	for _, split := range []struct {
		name string
		fr   *data.Frame
	}{{"validation", valF}, {"test", testF}} {
		unseen, err := pipe.Unseen(split.fr)
		if err != nil {
			return nil, err
		}
		for _, u := range unseen {
			notes = append(notes, fmt.Sprintf("column %q: %d %s value(s) not seen in training (e.g. %q) encode as unknown",
				u.Column, u.Count, split.name, u.Examples[0]))
		}
	}
	dc := &DataConfig{Target: target, Columns: pipe.GroupNames(), Features: pipe.FeatureNames(), Classes: classes,
		Split: [3]int{len(split.Train), len(split.Validation), len(split.Test)}, DroppedRows: dropped, Notes: notes,
		Roles: roles, Quality: quality}
	fopts := FitOptions{Epochs: opts.Epochs, BatchSize: opts.BatchSize, Validation: valD, Early: opts.Early, Seed: opts.Seed,
		RunDir: opts.RunDir, Force: opts.Force, Progress: opts.Progress, Quiet: opts.Quiet, Out: opts.Out,
		run: &runExtras{data: dc, preprocessing: pjson, test: testD, hashExtra: pjson}}
	var pc *PruneConfig
	if opts.Prune > 0 { // the dense network is not written; the pruned one is
		fopts.RunDir = ""
	}
	h, err := m.Fit(trainD.X, trainD.Y, fopts)
	if err != nil {
		return nil, err
	}
	if opts.Prune > 0 {
		pc = &PruneConfig{Epochs: opts.PruneEpochs}
		fopts.RunDir, fopts.Early = opts.RunDir, nil
		if fopts.Progress != nil { // it has seen training end; fine-tuning is quiet
			fopts.Progress = ObserverFuncs{}
		}
		fopts = fopts.withDefaults()
		fopts.Epochs = opts.PruneEpochs
		if opts.Progress == nil && !opts.Quiet && opts.PruneEpochs > 0 { // between the two runs of progress lines
			fmt.Fprintf(fopts.Out, "pruned %.4g%% of each dense layer's weights; fine-tuning:\n", 100*opts.Prune)
		}
		if m, h, err = pruneNetwork(m, opts.Prune, trainD, valD, pc, fopts, fopts.run); err != nil {
			return nil, err
		}
	}
	run := &Run{Dir: opts.RunDir, Model: m, Pipeline: pipe, History: h, Reused: h.Reused,
		Config: RunConfig{Task: m.Task(), InputDim: m.inputDim, OutputDim: m.OutputDim(), Layers: m.Layers(), Compile: m.opts, Data: dc, Prune: pc}}
	if err := run.complete(map[string]*Dataset{"train": trainD, "validation": valD, "test": testD}); err != nil {
		return nil, err
	}
	return run, nil
}

// complete reads the run's config.json and metrics.json when it has a
// directory, else evaluates its model on sets for Metrics, and names the
// model after the data.
func (r *Run) complete(sets map[string]*Dataset) error {
	var err error
	if r.Dir != "" {
		if r.Config, err = ReadRunConfig(r.Dir); err != nil {
			return err
		}
		if r.Metrics, err = ReadMetrics(r.Dir); err != nil {
			return err
		}
		return r.nameModel()
	}
	r.Metrics = map[string]Metrics{"train": {}, "validation": {}, "test": {}}
	for name, d := range sets {
		if rows(d) == 0 {
			continue
		}
		if r.Metrics[name], err = r.Model.taskMetrics(d); err != nil {
			return err
		}
	}
	if r.Config.Prune != nil {
		r.Config.Prune.After = r.Metrics
	}
	return r.nameModel()
}

// Pseudonymise is what Train does with TrainOptions.Pseudonymise: f with the
// named columns (or, for "auto", every column data.PersonalColumns finds)
// replaced by keyed tokens; the target is never replaced. It serves callers
// that show the roles before training (glassbox train).
func Pseudonymise(f *data.Frame, target string, columns []string, key []byte) (*data.Frame, error) {
	if len(columns) == 0 {
		return f, nil
	}
	var names []string
	seen := map[string]bool{target: true} // the target is never tokenised
	for _, c := range columns {
		expanded := []string{c}
		if c == "auto" {
			expanded = data.PersonalColumns(f)
		}
		for _, name := range expanded {
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	g, err := f.Pseudonymise(key, names...)
	if err != nil {
		return nil, fmt.Errorf("ml: Train: %w", err)
	}
	return g, nil
}

// chooseFeatures infers the roles of f's columns and, unless o lists the
// feature columns itself, uses the features and dates (RoleFeature,
// RoleDate) among those o does not exclude. A listed column holding
// personal data is an error: its raw values would reach the run directory.
func chooseFeatures(f *data.Frame, target string, o data.Options) (data.Options, data.Roles, error) {
	roles, err := data.InferRoles(f, target)
	if err != nil {
		return o, nil, fmt.Errorf("ml: Train: %w", err)
	}
	if slices.Contains(o.Columns, target) {
		return o, nil, fmt.Errorf("ml: Train: the target %q is also listed as a feature column", target)
	}
	if !slices.Contains(o.Exclude, target) {
		o.Exclude = append(slices.Clone(o.Exclude), target)
	}
	if len(o.Columns) > 0 {
		for _, r := range roles {
			if r.Role == data.RolePersonal && slices.Contains(o.Columns, r.Column) {
				return o, nil, fmt.Errorf("ml: Train: column %q holds personal data (%s); leave it out of the features or pseudonymise it (TrainOptions.Pseudonymise)",
					r.Column, r.Personal)
			}
		}
		return o, roles, nil
	}
	for _, r := range roles {
		if (r.Role == data.RoleFeature || r.Role == data.RoleDate) && !slices.Contains(o.Exclude, r.Column) {
			o.Columns = append(o.Columns, r.Column)
		}
	}
	if len(o.Columns) == 0 {
		return o, nil, fmt.Errorf("ml: Train: no feature column left: every column is the target, excluded or set aside by its role (%s)",
			strings.Join(roleSummary(roles), "; "))
	}
	return o, roles, nil
}

// roleSummary is "column: role" for every column, for short messages.
func roleSummary(roles data.Roles) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = r.Column + ": " + string(r.Role)
	}
	return out
}

// dropMissingTargets leaves out the rows of f without a target value, with
// a note that counts them, or fails naming the first when strict.
func dropMissingTargets(f *data.Frame, target string, strict bool) (*data.Frame, []string, int, error) {
	kept, rows, err := f.DropMissing(target)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("ml: Train: %w", err)
	}
	dropped := f.Len() - kept.Len()
	if dropped == 0 {
		return f, nil, 0, nil
	}
	first := 1
	for first <= len(rows) && rows[first-1] == first-1 {
		first++
	}
	if strict {
		return nil, nil, 0, fmt.Errorf("ml: Train: the target %q has no value in %d of %d rows (first at row %d; MissingTargetError is set)",
			target, dropped, f.Len(), first)
	}
	if kept.Len() == 0 {
		return nil, nil, 0, fmt.Errorf("ml: Train: the target %q has no value in any of the %d rows", target, f.Len())
	}
	return kept, []string{fmt.Sprintf("dropped %d of %d rows: no value for the target %q", dropped, f.Len(), target)}, dropped, nil
}

// targetRescaling is Rescaling(std, mean) of the training targets (population
// standard deviation; 1 when it is 0), so the network before it fits a
// target of mean 0 and variance 1.
func targetRescaling(y [][]float64) Layer {
	col := make([]float64, len(y))
	for i, r := range y {
		col[i] = r[0]
	}
	mean, std := stat.PopMeanStdDev(col, nil)
	if std == 0 {
		std = 1
	}
	return Rescaling(std, mean)
}

// referenceLayers is the reference architecture for a task.
func referenceLayers(task Task, classes, inputs, hidden int) []Layer {
	if hidden == 0 {
		hidden = 64
	}
	out := Dense(1, Linear)
	switch task {
	case TaskBinary:
		out = Dense(1, Sigmoid)
	case TaskMulticlass:
		out = Dense(classes, Softmax)
	}
	return []Layer{Dense(hidden, ReLU, inputs), out}
}

// Load restores a run directory written by Train or Sequential.Fit, in any
// process: the model with its weights and, for Train runs, the fitted
// preprocessing, so that predictions on raw records equal those of the
// process that trained it. backend chooses the GoMLX backend as in
// CompileOptions.Backend (empty: BackendInfo's rule).
func Load(dir string, backend ...string) (*Run, error) {
	cfg, err := ReadRunConfig(dir)
	if err != nil {
		return nil, fmt.Errorf("ml: Load %s: not a finished run: %w", dir, err)
	}
	m := NewSequential(cfg.Layers...)
	copts := cfg.Compile
	if len(backend) > 0 {
		copts.Backend = backend[0]
	}
	if err := m.Compile(copts); err != nil {
		return nil, fmt.Errorf("ml: Load %s: %w", dir, err)
	}
	if err := m.loadCheckpoint(dir); err != nil {
		return nil, fmt.Errorf("ml: Load %s: %w", dir, err)
	}
	run := &Run{Dir: dir, Config: cfg, Model: m}
	if b, err := os.ReadFile(filepath.Join(dir, PreprocessingFile)); err == nil {
		run.Pipeline = new(data.Pipeline)
		if err := json.Unmarshal(b, run.Pipeline); err != nil {
			return nil, fmt.Errorf("ml: Load %s: %s: %w", dir, PreprocessingFile, err)
		}
	} else if cfg.Data != nil {
		return nil, fmt.Errorf("ml: Load %s: %w", dir, err)
	}
	if run.Metrics, err = ReadMetrics(dir); err != nil {
		return nil, fmt.Errorf("ml: Load %s: %w", dir, err)
	}
	if run.History, err = ReadHistory(dir); err != nil {
		return nil, fmt.Errorf("ml: Load %s: %w", dir, err)
	}
	return run, run.nameModel()
}
