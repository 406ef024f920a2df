package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/xuri/excelize/v2"
)

// messyCSV is a table nobody prepared for GlassBox: Chinese column names,
// semicolons, numbers with missing cells, a free-text category, yes/no
// booleans and a categorical target.
func messyCSV(n int) string {
	rng := rand.New(rand.NewPCG(4, 4))
	var b strings.Builder
	b.WriteString("年龄;收入;城市;会员;购买\n")
	cities := []string{"北京", "上海", "广州", "成都"}
	for i := 0; i < n; i++ {
		age := 18 + rng.IntN(60)
		income := 3000 + rng.Float64()*27000
		city := cities[rng.IntN(len(cities))]
		member := []string{"yes", "no"}[rng.IntN(2)]
		score := (income-16000)/7000 + 0.02*float64(age-45)
		if member == "yes" {
			score += 0.8
		}
		label := "否"
		if score+0.4*rng.NormFloat64() > 0 {
			label = "是"
		}
		ageText := fmt.Sprint(age)
		if i%13 == 0 {
			ageText = "NA"
		}
		incomeText := fmt.Sprintf("%.2f", income)
		if i%29 == 0 {
			incomeText = ""
		}
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s\n", ageText, incomeText, city, member, label)
	}
	return b.String()
}

func TestTrainCommandOnUnpreparedCSV(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "客户.csv")
	if err := os.WriteFile(csv, []byte(messyCSV(500)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	var stdout, stderr bytes.Buffer
	args := []string{"train", "--data", csv, "--target", "购买", "--out", out, "--epochs", "6", "--seed", "2", "--backend", "go"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	text := stdout.String()
	for _, want := range []string{"epoch 6/6", "task: binary", "dense_0 (Dense)", "Total params:", "test", "accuracy", "run written to"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, ml.MetricsFile))
	if err != nil {
		t.Fatal(err)
	}
	var metrics map[string]map[string]float64
	if err := json.Unmarshal(b, &metrics); err != nil {
		t.Fatal(err)
	}
	if acc := metrics["test"]["accuracy"]; acc < 0.75 {
		t.Errorf("test accuracy %.3f, want ≥ 0.75", acc)
	}
	loaded, err := ml.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(loaded.Columns(), ","); got != "年龄,收入,城市,会员" {
		t.Errorf("columns %s", got)
	}
	if _, err := loaded.PredictRecords([]map[string]string{{"年龄": "40", "收入": "20000", "城市": "上海", "会员": "yes"}}); err != nil {
		t.Error(err)
	}
	// Second call: reused, not retrained.
	stdout.Reset()
	if code := run(args, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "reused the finished run") {
		t.Errorf("second run: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

func TestTrainCommandErrors(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "d.csv")
	os.WriteFile(csv, []byte("a,b,y\n1,2,x\n3,4,x\n5,6,x\n7,8,x\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "--target", "y", "--out", dir}, "--data FILE is required"},
		{[]string{"train", "--epochs", "0", "--data", csv, "--target", "y", "--out", dir}, "must be positive"},
		{[]string{"train", "--data", csv, "--target", "y", "--out", dir, "extra"}, "unexpected argument"},
		{[]string{"train", "--data", csv, "--out", dir}, "--target COLUMN is required"},
		{[]string{"train", "--data", csv, "--target", "y"}, "--out DIR is required"},
		{[]string{"train", "--data", csv, "--target", "nope", "--out", dir}, "nope"},
		{[]string{"train", "--data", csv, "--target", "y", "--out", dir}, "single class"},
		{[]string{"train", "--data", filepath.Join(dir, "missing.csv"), "--target", "y", "--out", dir}, "missing.csv"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", c.args[1:], code, stderr.String(), c.want)
		}
	}
}

func TestTrainCommandOnXLSXRegression(t *testing.T) {
	wb := excelize.NewFile()
	defer wb.Close()
	rng := rand.New(rand.NewPCG(5, 5))
	rows := [][]any{{"面积", "rooms", "district", "price"}}
	for i := 0; i < 300; i++ {
		area := 40 + rng.Float64()*100
		rooms := 1 + rng.IntN(4)
		district := []string{"east", "west"}[i%2]
		price := 3*area + 10*float64(rooms) + 20*float64(i%2) + rng.NormFloat64()
		rows = append(rows, []any{area, rooms, district, price})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "houses.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	out := filepath.Join(dir, "run")
	args := []string{"train", "--data", path, "--target", "price", "--task", "regression", "--out", out,
		"--epochs", "40", "--batch-size", "16", "--quiet", "--backend", "go"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if strings.Contains(stdout.String(), "epoch 1/") {
		t.Errorf("--quiet printed progress:\n%s", stdout.String())
	}
	loaded, err := ml.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if r2 := loaded.Metrics["test"]["r2"]; loaded.Config.Task != ml.TaskRegression || r2 < 0.9 {
		t.Errorf("task %v, test r2 %.3f; want regression, ≥ 0.9\n%s", loaded.Config.Task, r2, stdout.String())
	}
	for _, want := range []string{"rmse", "mae", "r2", "task: regression"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestTrainCommandHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "Usage: glassbox train") || !strings.Contains(stdout.String(), "-target") {
		t.Errorf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

// TestTrainAndPruneCommands trains with --prune and prunes a written run
// with `glassbox prune`: the output says what was pruned and what it cost,
// and the runs written are sparse.
func TestTrainAndPruneCommands(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "d.csv")
	if err := os.WriteFile(csv, []byte(messyCSV(500)), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	pruned := filepath.Join(dir, "pruned")
	args := []string{"train", "--data", csv, "--target", "购买", "--out", pruned, "--epochs", "6", "--seed", "2", "--backend", "go",
		"--prune", "0.8", "--prune-epochs", "1"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	text := stdout.String()
	for _, want := range []string{"epoch 6/6", "pruned 80% of each dense layer's weights; fine-tuning:", "epoch 1/1",
		"pruned 80% of 512 weights (dense_0 358 of 448, dense_1 51 of 64): test AUC 0."} {
		if !strings.Contains(text, want) {
			t.Errorf("train --prune output lacks %q:\n%s", want, text)
		}
	}
	loaded, err := ml.Load(pruned)
	if err != nil {
		t.Fatal(err)
	}
	if pc := loaded.Config.Prune; pc == nil || pc.Sparsity != 0.8 || pc.Epochs != 1 {
		t.Errorf("config.json prune block %+v", pc)
	}

	dense := filepath.Join(dir, "dense")
	if code := run([]string{"train", "--data", csv, "--target", "购买", "--out", dense, "--epochs", "6", "--quiet", "--backend", "go"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	stdout.Reset()
	out := filepath.Join(dir, "p90")
	args = []string{"prune", "--run", dense, "--sparsity", "0.9", "--out", out, "--data", csv, "--test", csv, "--epochs", "1", "--backend", "go"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{"epoch 1/1", "accuracy", "pruned 90% of 512 weights (dense_0 403 of 448, dense_1 58 of 64): test AUC 0.", "run written to " + out} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("prune output lacks %q:\n%s", want, stdout.String())
		}
	}
	loaded, err = ml.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if pc := loaded.Config.Prune; pc == nil || pc.Parent != dense || pc.Sparsity != 0.9 {
		t.Errorf("config.json prune block %+v", pc)
	}
	stdout.Reset()
	if code := run(args, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "reused the finished run") {
		t.Errorf("the same prune again: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"prune", "--run", dense, "--sparsity", "0.5", "--out", filepath.Join(dir, "p50")}, &stdout, &stderr); code != 0 ||
		!strings.Contains(stdout.String(), "pruned 50% of 512 weights (dense_0 224 of 448, dense_1 32 of 64); no rows to compare") {
		t.Errorf("prune without data: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"prune", "--sparsity", "0.5", "--out", out}, "--run DIR is required"},
		{[]string{"prune", "--run", dense, "--sparsity", "0.5"}, "--out DIR is required"},
		{[]string{"prune", "--run", dense, "--out", out}, "--sparsity FRACTION is required"},
		{[]string{"prune", "--run", dense, "--out", out, "--sparsity", "1"}, "--sparsity 1: want a fraction"},
		{[]string{"prune", "--run", dense, "--out", dense + "/", "--sparsity", "0.5"}, "--out is the --run directory"},
		{[]string{"prune", "--run", filepath.Join(dir, "none"), "--out", out, "--sparsity", "0.5"}, "not a finished run"},
		{[]string{"prune", "--run", dense, "--out", out, "--sparsity", "0.5", "--data", filepath.Join(dir, "missing.csv")}, "--data: "},
		{[]string{"train", "--data", csv, "--target", "购买", "--out", out, "--prune", "1.2"}, "--prune 1.2: want a fraction"},
		{[]string{"train", "--data", csv, "--target", "购买", "--out", out, "--prune", "0.5", "--prune-epochs", "-1"}, "--prune-epochs -1"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", c.args, code, stderr.String(), c.want)
		}
	}
}
