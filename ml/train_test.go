package ml_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// customersCSV writes n rows of a small mixed-type table: numeric columns
// with missing cells, a categorical and a boolean column, and a target that
// depends on them.
func customersCSV(n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	b.WriteString("age,income,region,member,buys\n")
	regions := []string{"north", "south", "east"}
	for i := 0; i < n; i++ {
		age := 20 + rng.Float64()*50
		income := 20000 + rng.Float64()*80000
		region := regions[rng.IntN(3)]
		member := rng.IntN(2) == 1
		z := (income-60000)/20000 + 0.8*boolf(member) - 0.03*(age-45)
		if region == "south" {
			z += 0.7
		}
		buys := "no"
		if z+0.3*rng.NormFloat64() > 0 {
			buys = "yes"
		}
		ageText := fmt.Sprintf("%.1f", age)
		if i%17 == 0 {
			ageText = ""
		}
		fmt.Fprintf(&b, "%s,%.0f,%s,%v,%s\n", ageText, income, region, member, buys)
	}
	return b.String()
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func readFrame(t *testing.T, text string) *data.Frame {
	t.Helper()
	f, err := data.ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var rawRecords = []map[string]string{
	{"age": "33", "income": "72000", "region": "south", "member": "true"},
	{"age": "", "income": "41000", "region": "north", "member": "false"},
	{"age": "61.5", "income": "55000", "region": "east", "member": "true"},
}

func TestTrainWritesRunAndReuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	f := readFrame(t, customersCSV(800, 1))
	opts := ml.TrainOptions{Epochs: 5, Seed: 3, RunDir: dir, Quiet: true, Backend: "go"}
	run, err := ml.Train(f, "buys", opts)
	if err != nil {
		t.Fatal(err)
	}
	if run.Reused || run.Model.Task() != ml.TaskBinary {
		t.Fatalf("first Train: reused=%v task=%v", run.Reused, run.Model.Task())
	}
	if acc := run.Metrics["test"]["accuracy"]; acc < 0.8 {
		t.Errorf("test accuracy %.3f, want ≥ 0.8 on this nearly linear target", acc)
	}
	for _, name := range []string{ml.ConfigFile, ml.PreprocessingFile, ml.ScalarsFile, ml.HistogramsFile, ml.CheckpointFile, ml.MetricsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("run lacks %s: %v", name, err)
		}
	}
	var metrics map[string]map[string]float64
	b, _ := os.ReadFile(filepath.Join(dir, ml.MetricsFile))
	if err := json.Unmarshal(b, &metrics); err != nil {
		t.Fatal(err)
	}
	if len(metrics) != 3 {
		t.Errorf("metrics.json blocks: %v", metrics)
	}
	for _, set := range []string{"train", "validation", "test"} {
		for _, k := range ml.ClassificationMetrics {
			if _, ok := metrics[set][k]; !ok {
				t.Errorf("metrics.json %s lacks %s", set, k)
			}
		}
		if len(metrics[set]) != len(ml.ClassificationMetrics) {
			t.Errorf("metrics.json %s has keys %v", set, metrics[set])
		}
	}
	scalars, err := ml.ReadScalars(dir)
	if err != nil {
		t.Fatal(err)
	}
	steps, epochs := 0, 0
	for _, s := range scalars {
		switch s.Kind {
		case "step":
			steps++
		case "epoch":
			epochs++
			if _, ok := s.Metrics["val_accuracy"]; !ok {
				t.Errorf("epoch record lacks val_accuracy: %v", s.Metrics)
			}
		}
	}
	trainRows := run.Config.Data.Split[0]
	if want := 5 * ((trainRows + 31) / 32); steps != want || epochs != 5 {
		t.Errorf("scalars: %d steps, %d epochs; want %d, 5", steps, epochs, want)
	}
	hist, err := ml.ReadHistograms(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 5*2*2 {
		t.Errorf("%d histogram records, want 5 epochs × 2 layers × 2 params", len(hist))
	}
	for _, h := range hist {
		sum := 0
		for _, c := range h.Counts {
			sum += c
		}
		if want := map[string]int{"kernel": 64 * run.Model.InputDim(), "bias": 64}[h.Param]; h.Layer == 0 && sum != want {
			t.Errorf("histogram layer 0 %s counts %d values, want %d", h.Param, sum, want)
		}
	}
	want, err := run.PredictRecords(rawRecords)
	if err != nil {
		t.Fatal(err)
	}

	// Same data and options: the run is reused, nothing retrained.
	again, err := ml.Train(f, "buys", opts)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Reused {
		t.Error("second Train with identical data and options retrained")
	}
	got, err := again.PredictRecords(rawRecords)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, want)
	// Force retrains (same seed: same result); other options retrain.
	opts.Force = true
	forced, err := ml.Train(f, "buys", opts)
	if err != nil || forced.Reused {
		t.Fatalf("forced Train: reused=%v err=%v", forced != nil && forced.Reused, err)
	}
	opts.Force, opts.Epochs = false, 4
	changed, err := ml.Train(f, "buys", opts)
	if err != nil || changed.Reused {
		t.Fatalf("Train with other epochs: reused=%v err=%v", changed != nil && changed.Reused, err)
	}
}

func assertSame(t *testing.T, got, want [][]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("row %d output %d: %v, want %v", i, j, got[i][j], want[i][j])
			}
		}
	}
}

// TestLoadInAnotherProcess trains here, then runs this test binary again
// (TestHelperPredictRun) to Load the run and predict raw records there.
func TestLoadInAnotherProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	f := readFrame(t, customersCSV(400, 2))
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 3, Seed: 5, RunDir: dir, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := run.PredictRecords(rawRecords)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPredictRun$")
	cmd.Env = append(os.Environ(), "GLASSBOX_HELPER_RUN="+dir, "GOMLX_BACKEND=go")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("helper process: %v\n%s", err, out.String())
	}
	var got [][]float64
	line := out.String()[strings.Index(out.String(), "PRED ")+5:]
	if err := json.Unmarshal([]byte(line[:strings.Index(line, "\n")]), &got); err != nil {
		t.Fatalf("helper output: %v\n%s", err, out.String())
	}
	assertSame(t, got, want)
}

func TestHelperPredictRun(t *testing.T) {
	dir := os.Getenv("GLASSBOX_HELPER_RUN")
	if dir == "" {
		t.Skip("runs only as the helper process of TestLoadInAnotherProcess")
	}
	run, err := ml.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := run.PredictRecords(rawRecords)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p)
	fmt.Printf("PRED %s\n", b)
}

func TestTrainRegressionAndMulticlass(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var b strings.Builder
	b.WriteString("x1,x2,colour,y,kind\n")
	for i := 0; i < 600; i++ {
		x1, x2 := rng.NormFloat64(), rng.NormFloat64()
		colour := []string{"red", "green", "blue"}[i%3]
		kind := "a"
		switch {
		case x1 > 0.5:
			kind = "b"
		case x2 > 0.5:
			kind = "c"
		}
		fmt.Fprintf(&b, "%.4f,%.4f,%s,%.4f,%s\n", x1, x2, colour, 3*x1-2*x2+float64(i%3)+0.05*rng.NormFloat64(), kind)
	}
	f := readFrame(t, b.String())
	reg, err := ml.Train(f, "y", ml.TrainOptions{Epochs: 30, Seed: 1, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Exclude: []string{"kind"}}})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Model.Task() != ml.TaskRegression || reg.Metrics["test"]["r2"] < 0.95 {
		t.Errorf("regression: task %v, test r2 %.3f (want ≥ 0.95)", reg.Model.Task(), reg.Metrics["test"]["r2"])
	}
	for _, k := range ml.RegressionMetrics {
		if math.IsNaN(reg.Metrics["test"][k]) {
			t.Errorf("regression %s is NaN", k)
		}
	}
	mc, err := ml.Train(f, "kind", ml.TrainOptions{Epochs: 30, Seed: 1, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Exclude: []string{"y"}}})
	if err != nil {
		t.Fatal(err)
	}
	if mc.Model.Task() != ml.TaskMulticlass || mc.Model.OutputDim() != 3 || mc.Metrics["test"]["accuracy"] < 0.85 {
		t.Errorf("multiclass: task %v, %d outputs, test accuracy %.3f (want ≥ 0.85)", mc.Model.Task(), mc.Model.OutputDim(), mc.Metrics["test"]["accuracy"])
	}
	p, err := mc.PredictRecords([]map[string]string{{"x1": "1", "x2": "0", "colour": "red"}})
	if err != nil {
		t.Fatal(err)
	}
	if s := p[0][0] + p[0][1] + p[0][2]; math.Abs(s-1) > 1e-5 || argmax(p[0]) != 1 {
		t.Errorf("softmax row %v: sum %v, want 1 and class b", p[0], s)
	}
}

func argmax(v []float64) int {
	best := 0
	for i := range v {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}

func TestMetricsTable(t *testing.T) {
	tab := ml.MetricsTable{Task: ml.TaskRegression, Metrics: map[string]ml.Metrics{
		"train": {"rmse": 1.5, "mae": 1, "r2": 0.25}, "validation": {}, "test": {"rmse": math.NaN()}}}
	want := "                   rmse        mae         r2\n" +
		"train            1.5000     1.0000     0.2500\n" +
		"validation            —          —          —\n" +
		"test                  —          —          —\n"
	if got := tab.Text(); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	if c := tab.Cell("train", "rmse"); c != "1.5000" || tab.Cell("test", "rmse") != "—" || len(tab.Columns()) != 3 || len(tab.Splits()) != 3 {
		t.Errorf("cells: %q, columns %v, splits %v", c, tab.Columns(), tab.Splits())
	}
}

// TestTrainOnRealDatasets runs the reference workflow on the data sets that
// ship with scikit-learn (embedded by package datasets).
func TestTrainOnRealDatasets(t *testing.T) {
	bc, err := datasets.BreastCancer()
	if err != nil {
		t.Fatal(err)
	}
	run, err := ml.Train(bc, "target", ml.TrainOptions{Seed: 1, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	if acc, auc := run.Metrics["test"]["accuracy"], run.Metrics["test"]["auc"]; acc < 0.93 || auc < 0.97 {
		t.Errorf("breast cancer: test accuracy %.3f, auc %.3f; want ≥ 0.93, ≥ 0.97", acc, auc)
	}
	db, err := datasets.Diabetes()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ml.Train(db, "target", ml.TrainOptions{Seed: 1, Epochs: 50, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("breast cancer test %v; diabetes test %v", run.Metrics["test"], reg.Metrics["test"])
	// Linear models reach R² ≈ 0.45–0.5 on this data; demand a clearly useful fit.
	if r2 := reg.Metrics["test"]["r2"]; reg.Config.Task != ml.TaskRegression || r2 < 0.3 {
		t.Errorf("diabetes: task %v, test r2 %.3f; want regression, ≥ 0.3", reg.Config.Task, r2)
	}
}

// TestTrainTaskVocabulary: an empty Task infers binary, multiclass or
// regression; multiclass may be asked for on two classes (softmax outputs).
func TestTrainTaskVocabulary(t *testing.T) {
	f := readFrame(t, customersCSV(200, 4))
	for _, tc := range []struct {
		target  string
		task    ml.Task
		want    ml.Task
		outputs int
	}{
		{"buys", "", ml.TaskBinary, 1},
		{"region", "", ml.TaskMulticlass, 3},
		{"income", "", ml.TaskRegression, 1},
		{"buys", ml.TaskMulticlass, ml.TaskMulticlass, 2},
	} {
		run, err := ml.Train(f, tc.target, ml.TrainOptions{Task: tc.task, Epochs: 1, Quiet: true, Backend: "go"})
		if err != nil {
			t.Fatalf("%s as %q: %v", tc.target, tc.task, err)
		}
		if run.Config.Task != tc.want || run.Model.OutputDim() != tc.outputs {
			t.Errorf("%s as %q: task %q with %d outputs, want %q with %d", tc.target, tc.task, run.Config.Task, run.Model.OutputDim(), tc.want, tc.outputs)
		}
	}
}

// TestTrainDropsRowsWithoutTarget: 11 rows without a target are dropped and
// counted (an error with MissingTargetError); categories that only the test
// split has are noted, not fatal.
func TestTrainDropsRowsWithoutTarget(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(customersCSV(200, 5)), "\n")
	for i := 3; i < 3+11; i++ { // empty the target of data rows 3..13
		lines[i] = lines[i][:strings.LastIndex(lines[i], ",")+1]
	}
	f := readFrame(t, strings.Join(lines, "\n")+"\n")
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 1, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	d := run.Config.Data
	if d.DroppedRows != 11 || d.Split[0]+d.Split[1]+d.Split[2] != 189 {
		t.Fatalf("dropped %d rows, split %v; want 11 dropped, 189 used", d.DroppedRows, d.Split)
	}
	if len(d.Notes) == 0 || d.Notes[0] != `dropped 11 of 200 rows: no value for the target "buys"` {
		t.Errorf("notes %q", d.Notes)
	}
	_, err = ml.Train(f, "buys", ml.TrainOptions{Epochs: 1, Quiet: true, Backend: "go", MissingTargetError: true})
	wantErr(t, err, "11 of 200 rows", "first at row 3")
}

// TestTrainNeverAbortsOnARareCategory: a category that occurs once lands in
// the validation or test split for some seeds; training goes on and says so.
func TestTrainNeverAbortsOnARareCategory(t *testing.T) {
	csv := customersCSV(400, 6) + "44,55000,zzz_rare,true,yes\n"
	noted := 0
	for seed := range int64(10) {
		run, err := ml.Train(readFrame(t, csv), "buys", ml.TrainOptions{Epochs: 1, Seed: seed, Quiet: true, Backend: "go"})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, n := range run.Config.Data.Notes {
			if strings.Contains(n, `"zzz_rare"`) && strings.Contains(n, "not seen in training") {
				noted++
			}
		}
	}
	if noted == 0 {
		t.Error("in 10 seeds the rare category never fell outside the training split (or was not noted)")
	}
}
