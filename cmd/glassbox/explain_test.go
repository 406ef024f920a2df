package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
)

// trainedRun writes the messy CSV and trains a small run on it.
func trainedRun(t *testing.T) (table, runDir string) {
	t.Helper()
	dir := t.TempDir()
	table = filepath.Join(dir, "客户.csv")
	if err := os.WriteFile(table, []byte(messyCSV(300)), 0o644); err != nil {
		t.Fatal(err)
	}
	runDir = filepath.Join(dir, "run")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "--data", table, "--target", "购买", "--out", runDir, "--epochs", "3", "--seed", "1", "--quiet", "--backend", "go"}, &stdout, &stderr); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr.String())
	}
	return table, runDir
}

func TestExplainCommandWritesAdditiveGroupedValues(t *testing.T) {
	table, runDir := trainedRun(t)
	out := filepath.Join(filepath.Dir(runDir), "e.json")
	var stdout, stderr bytes.Buffer
	args := []string{"explain", "--run", runDir, "--data", table, "--method", "exact", "--rows", "4", "--out", out, "--seed", "3"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var e explain.Explanation
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	// One player per original column: the city's one-hot columns count once.
	if got := strings.Join(e.FeatureNames, ","); got != "年龄,收入,城市,会员" {
		t.Fatalf("players = %s", got)
	}
	r, err := ml.Load(runDir)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := r.RawModel().Predict(e.Data)
	if err != nil {
		t.Fatal(err)
	}
	for row := range e.Values {
		sum := e.BaseValues[row][0]
		for _, v := range e.Values[row] {
			sum += v[0]
		}
		// The network computes in float32, and a row's output can move in
		// the last bits with the batch it is predicted in.
		if math.Abs(sum-pred[row][0]) > 1e-6 {
			t.Errorf("row %d: base + Σφ = %v, model says %v", row, sum, pred[row][0])
		}
	}
	if !strings.Contains(stdout.String(), "wrote "+out) {
		t.Errorf("stdout does not say where it wrote:\n%s", stdout.String())
	}
	// Same seed, same file.
	again := filepath.Join(filepath.Dir(runDir), "again.json")
	args[len(args)-3] = again
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	b2, _ := os.ReadFile(again)
	if !bytes.Equal(b, b2) {
		t.Error("the same seed gave a different explanation")
	}
}

func TestExplainCommandLIMEToCSVAndJSON(t *testing.T) {
	table, runDir := trainedRun(t)
	r, err := ml.Load(runDir)
	if err != nil {
		t.Fatal(err)
	}
	outputs := r.OutputNames()
	out := filepath.Join(filepath.Dir(runDir), "lime.csv")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"explain", "--run", runDir, "--data", table, "--method", "lime", "--rows", "2", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "row,output,base_value,年龄,收入,城市,会员,prediction,model_prediction,fidelity" {
		t.Fatalf("header = %s", got)
	}
	// One line per row and output, each naming the output it explains.
	if len(recs) != 1+2*len(outputs) {
		t.Fatalf("%d lines for 2 rows × %d outputs", len(recs)-1, len(outputs))
	}
	for _, rec := range recs[1:] {
		if rec[1] != outputs[0] || rec[1] == "" {
			t.Errorf("line %v: output %q, want %q", rec, rec[1], outputs[0])
		}
	}

	js := filepath.Join(filepath.Dir(runDir), "lime.json")
	if code := run([]string{"explain", "--run", runDir, "--data", table, "--method", "lime", "--rows", "2", "--out", js}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var e explain.Explanation
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	if e.Method != "lime" || len(e.Surrogates) != 2 || !reflect.DeepEqual(e.OutputNames, outputs) {
		t.Fatalf("LIME JSON: method %q, %d surrogate rows, outputs %v (want %v)", e.Method, len(e.Surrogates), e.OutputNames, outputs)
	}
	if city := e.Surrogates[0][0].Conditions[2]; !strings.HasPrefix(city, "城市=") {
		t.Errorf("the categorical column is described as %q, not by its category", city)
	}
}

func TestExplainCommandRejectsBadInput(t *testing.T) {
	table, runDir := trainedRun(t)
	out := filepath.Join(t.TempDir(), "x.json")
	cases := map[string][]string{
		"--method":        {"--run", runDir, "--data", table, "--out", out, "--method", "shapley"},
		"has only 300":    {"--run", runDir, "--data", table, "--out", out, "--rows", "301"},
		".json or .csv":   {"--run", runDir, "--data", table, "--out", "x.txt"},
		"--run DIR":       {"--data", table, "--out", out},
		"not a finished":  {"--run", t.TempDir(), "--data", table, "--out", out},
		"rows must be":    {"--run", runDir, "--data", table, "--out", out, "--rows", "0"},
		"samples must be": {"--run", runDir, "--data", table, "--out", out, "--samples", "-1"},
		"lacks column(s)": {"--run", runDir, "--data", writeCSV(t, "a,b\n1,2\n"), "--out", out},
	}
	for want, args := range cases {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"explain"}, args...), &stdout, &stderr)
		if code == 0 || !strings.Contains(stderr.String(), want) {
			t.Errorf("%v: exit %d, stderr %q, want it to mention %q", args, code, stderr.String(), want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed explain left %s behind", out)
	}
}

func writeCSV(t *testing.T, content string) string {
	p := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
