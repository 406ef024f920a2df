package ml_test

import (
	"math"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("no error; want one mentioning %q", parts)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

func TestBadInputNamesRowAndColumn(t *testing.T) {
	X, y := blobs(50, 3, 1)
	m := reference(t, 3)
	_, err := m.Predict(X)
	wantErr(t, err, "no weights")
	ragged := append([][]float64{}, X...)
	ragged[7] = []float64{1, 2}
	_, err = m.Fit(ragged, y, ml.FitOptions{Quiet: true})
	wantErr(t, err, "row 7", "2 columns", "want 3")
	nan := append([][]float64{}, X...)
	nan[4] = []float64{0, math.NaN(), 0}
	_, err = m.Fit(nan, y, ml.FitOptions{Quiet: true})
	wantErr(t, err, "row 4 column 1", "NaN")
	badY := append([][]float64{}, y...)
	badY[3] = []float64{2}
	_, err = m.Fit(X, badY, ml.FitOptions{Quiet: true})
	wantErr(t, err, "y row 3", "0 or 1")
	_, err = m.Fit(X, y[:10], ml.FitOptions{Quiet: true})
	wantErr(t, err, "10 rows", "50")
	_, err = m.Fit(X, y, ml.FitOptions{Quiet: true, Validation: &ml.Dataset{X: X[:5], Y: y[:4]}})
	wantErr(t, err, "validation")
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 1, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	_, err = m.Predict([][]float64{{1, 2, 3, 4}})
	wantErr(t, err, "row 0", "4 columns", "want 3")
	_, err = m.Predict([][]float64{{1, math.Inf(1), 3}})
	wantErr(t, err, "row 0 column 1", "Inf")
	_, err = m.Predict(nil)
	wantErr(t, err, "no rows")
	_, err = m.Gradient(X, -1)
	wantErr(t, err, "output -1")
}

func TestCompileRejectsBadConfigurations(t *testing.T) {
	for _, c := range []struct {
		layers []ml.Layer
		opts   ml.CompileOptions
		want   string
	}{
		{nil, ml.CompileOptions{}, "no layers"},
		{[]ml.Layer{ml.Dense(4, ml.ReLU)}, ml.CompileOptions{}, "input dimension"},
		{[]ml.Layer{ml.Dense(0, ml.ReLU, 3)}, ml.CompileOptions{}, "units"},
		{[]ml.Layer{ml.Dense(2, "swish", 3)}, ml.CompileOptions{}, "swish"},
		{[]ml.Layer{ml.Dense(2, ml.ReLU, 3), ml.Dropout(1.5)}, ml.CompileOptions{}, "rate"},
		{[]ml.Layer{ml.Dense(1, ml.Linear, 3)}, ml.CompileOptions{Loss: ml.BinaryCrossEntropy}, "sigmoid"},
		{[]ml.Layer{ml.Dense(1, ml.Sigmoid, 3)}, ml.CompileOptions{Optimizer: "rmsprop"}, "rmsprop"},
		{[]ml.Layer{ml.Dense(1, ml.Sigmoid, 3)}, ml.CompileOptions{Metrics: []string{"r2"}}, "r2"},
		{[]ml.Layer{ml.Dense(1, ml.Sigmoid, 3)}, ml.CompileOptions{Loss: "hinge"}, "hinge"},
		{[]ml.Layer{ml.Dense(1, ml.Sigmoid, 3)}, ml.CompileOptions{Backend: "tpu"}, "unknown backend"},
		{[]ml.Layer{ml.Dense(1, ml.Sigmoid, 3), ml.Rescaling(2, 1)}, ml.CompileOptions{}, "rescales"},
		{[]ml.Layer{ml.Dense(1, ml.Linear, 3), ml.Rescaling(0, 1)}, ml.CompileOptions{}, "non-zero"},
	} {
		m := ml.NewSequential(c.layers...)
		c.opts.Backend = map[bool]string{true: c.opts.Backend, false: "go"}[c.opts.Backend != ""]
		wantErr(t, m.Compile(c.opts), c.want)
	}
}

func TestTrainRejectsBadTargetsAndRecords(t *testing.T) {
	f := readFrame(t, customersCSV(200, 4))
	_, err := ml.Train(f, "nope", ml.TrainOptions{Quiet: true, Backend: "go"})
	wantErr(t, err, "nope")
	one := readFrame(t, "a,b,y\n1,x,k\n2,y,k\n3,x,k\n4,y,k\n")
	_, err = ml.Train(one, "y", ml.TrainOptions{Quiet: true, Backend: "go"})
	wantErr(t, err, "single class")
	_, err = ml.Train(f, "buys", ml.TrainOptions{Task: "ranking", Quiet: true, Backend: "go"})
	wantErr(t, err, "ranking")
	_, err = ml.Train(f, "buys", ml.TrainOptions{Task: "classification", Quiet: true, Backend: "go"})
	wantErr(t, err, `"classification"`, "binary", "multiclass", "regression")
	_, err = ml.Train(f, "region", ml.TrainOptions{Task: ml.TaskBinary, Quiet: true, Backend: "go"})
	wantErr(t, err, "two classes", "region")
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 1, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	west := []map[string]string{{"age": "30", "income": "1000", "region": "west", "member": "true"}}
	if _, err := run.PredictRecords(west); err != nil {
		t.Errorf("an unseen region aborted prediction: %v", err)
	}
	run.Pipeline = run.Pipeline.WithUnseenError(true)
	_, err = run.PredictRecords(west)
	wantErr(t, err, "region", "west")
	_, err = run.PredictRecords([]map[string]string{rawRecords[0], {"age": "30", "region": "north", "member": "true"}})
	wantErr(t, err, "record 2", "income")
	_, err = run.PredictRecords([]map[string]string{{"age": "old", "income": "1000", "region": "north", "member": "true"}})
	wantErr(t, err, "age")
	_, err = ml.Load(t.TempDir())
	wantErr(t, err, "not a finished run")
}

func TestBackendInfoAndMissingXLA(t *testing.T) {
	t.Setenv(ml.BackendEnv, "")
	info := ml.BackendInfo("")
	if info.Config != "go" && !strings.HasPrefix(info.Config, "xla:") {
		t.Errorf("default backend %q", info.Config)
	}
	if info.Reason == "" || !strings.Contains(info.String(), info.Config) {
		t.Errorf("BackendInfo %+v lacks a reason", info)
	}
	if got := ml.BackendInfo("go"); got.Config != "go" || !strings.Contains(got.Reason, "option") {
		t.Errorf("option: %+v", got)
	}
	t.Setenv(ml.BackendEnv, "go")
	if got := ml.BackendInfo(""); !strings.Contains(got.Reason, ml.BackendEnv) {
		t.Errorf("env: %+v", got)
	}
	m := ml.NewSequential(ml.Dense(1, ml.Sigmoid, 2))
	err := m.Compile(ml.CompileOptions{Backend: "xla:/nonexistent/pjrt_c_api_cpu_plugin.so"})
	wantErr(t, err, "GOMLX_BACKEND=go")
	if !info.XLALinked {
		wantErr(t, m.Compile(ml.CompileOptions{Backend: "xla:cuda"}), "noxla", "GOMLX_BACKEND=go")
	}
}
