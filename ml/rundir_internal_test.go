package ml

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func tinyModel(t *testing.T, lr float64) (*Sequential, [][]float64, [][]float64) {
	t.Helper()
	X := [][]float64{{0, 1}, {1, 0}, {0.2, 0.9}, {0.8, 0.1}, {0.1, 0.7}, {0.9, 0.3}}
	y := [][]float64{{0}, {1}, {0}, {1}, {0}, {1}}
	m := NewSequential(Dense(3, ReLU, 2), Dense(1, Sigmoid))
	if err := m.Compile(CompileOptions{Backend: "go", LearningRate: lr}); err != nil {
		t.Fatal(err)
	}
	return m, X, y
}

// TestRunDirHasOneWriter: while one writer holds a run directory, a second
// fails at once with a message naming it; afterwards it succeeds.
func TestRunDirHasOneWriter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs", "r")
	lock, err := lockRunDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, X, y := tinyModel(t, 0)
	_, err = m.Fit(X, y, FitOptions{Epochs: 1, RunDir: dir, Quiet: true})
	if err == nil || !strings.Contains(err.Error(), "being written by process "+strconv.Itoa(os.Getpid())) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("second writer: err = %v; want one naming the directory and the writer", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the refused writer created %s (%v)", dir, err)
	}
	lock.release()
	if _, err := m.Fit(X, y, FitOptions{Epochs: 1, RunDir: dir, Quiet: true}); err != nil {
		t.Fatalf("after release: %v", err)
	}
	if _, err := Load(dir, "go"); err != nil {
		t.Fatal(err)
	}
}

// TestFailedRetrainingKeepsThePreviousRun: a retraining that fails midway
// leaves the finished run as it was, user files included, and no temporary
// directories; a successful one replaces the run files and keeps the user's.
func TestFailedRetrainingKeepsThePreviousRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	m, X, y := tinyModel(t, 0)
	if _, err := m.Fit(X, y, FitOptions{Epochs: 2, RunDir: dir, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	before, err := ReadRunConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(filepath.Dir(dir), ".r.new-crashed")
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}

	bad, _, _ := tinyModel(t, 1e38) // the loss overflows on the first steps
	if _, err := bad.Fit(X, y, FitOptions{Epochs: 50, RunDir: dir, Force: true, Quiet: true}); err == nil {
		t.Fatal("training with a learning rate of 1e38 did not fail")
	}
	after, err := ReadRunConfig(dir)
	if err != nil || after.Hash != before.Hash || after.Created != before.Created {
		t.Fatalf("the failed retraining changed the finished run: %+v, %v", after, err)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Fatalf("user file after a failed retraining: %q, %v", b, err)
	}
	m2, _, _ := tinyModel(t, 0)
	if _, err := m2.Fit(X, y, FitOptions{Epochs: 3, RunDir: dir, Force: true, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	h, err := ReadHistory(dir)
	if err != nil || len(h.Epochs) != 3 {
		t.Fatalf("retrained run has %v epochs (%v), want 3", h, err)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Fatalf("user file after retraining: %q, %v", b, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".r.*-*"))
	if len(left) != 0 {
		t.Fatalf("temporary directories left behind: %v", left)
	}
}

// TestRunDirLockAcrossProcesses: a second process holding the lock (this
// test binary, re-run as a helper) makes Fit fail naming that process.
func TestRunDirLockAcrossProcesses(t *testing.T) {
	if dir := os.Getenv("GLASSBOX_TEST_HOLD_LOCK"); dir != "" {
		lock, err := lockRunDir(dir)
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		os.Stdin.Read(make([]byte, 1)) // until the parent closes our stdin
		lock.release()
		os.Exit(0)
	}
	dir := filepath.Join(t.TempDir(), "r")
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunDirLockAcrossProcesses$")
	cmd.Env = append(os.Environ(), "GLASSBOX_TEST_HOLD_LOCK="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("helper process said %q", line)
	}
	m, X, y := tinyModel(t, 0)
	_, err = m.Fit(X, y, FitOptions{Epochs: 1, RunDir: dir, Quiet: true})
	if err == nil || !strings.Contains(err.Error(), "process "+strconv.Itoa(cmd.Process.Pid)) {
		t.Fatalf("err = %v; want one naming process %d", err, cmd.Process.Pid)
	}
}

// TestRunInProgressShowsItsScalars: while Fit trains into a run directory,
// the staging directory beside it holds the scalars of the epochs so far
// (what a board shows live); afterwards only the finished run remains.
func TestRunInProgressShowsItsScalars(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	m, X, y := tinyModel(t, 0)
	var seen []int
	watch := ObserverFuncs{OnEpoch: func(e EpochLog) {
		staged, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".r.new-*", ScalarsFile))
		if len(staged) != 1 {
			t.Errorf("epoch %d: %d staged scalars files", e.Epoch, len(staged))
			return
		}
		b, _ := os.ReadFile(staged[0])
		seen = append(seen, strings.Count(string(b), `"kind":"epoch"`))
	}}
	if _, err := m.Fit(X, y, FitOptions{Epochs: 3, BatchSize: 2, RunDir: dir, Progress: watch}); err != nil {
		t.Fatal(err)
	}
	// Observers see an epoch after the run writer has flushed it.
	if fmt.Sprint(seen) != "[1 2 3]" {
		t.Errorf("epoch records visible during training: %v, want [1 2 3]", seen)
	}
	recs, err := ReadScalars(dir)
	if err != nil || len(recs) != 3*3+3 {
		t.Errorf("finished run: %d scalar records (%v), want 12", len(recs), err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".r.new-*")); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

// TestUndefinedMetricsKeepTheirEpochRecords: a validation set of one class
// makes val_auc undefined; the epoch's record is still written, without it.
func TestUndefinedMetricsKeepTheirEpochRecords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	m, X, y := tinyModel(t, 0)
	m.opts.Metrics = []string{"accuracy", "auc"}
	val := &Dataset{X: X[:2], Y: [][]float64{{0}, {0}}}
	if _, err := m.Fit(X, y, FitOptions{Epochs: 2, BatchSize: 3, RunDir: dir, Quiet: true, Validation: val}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, ScalarsFile))
	if strings.Contains(string(b), "\n\n") || strings.HasPrefix(string(b), "\n") {
		t.Errorf("blank lines in scalars.jsonl:\n%s", b)
	}
	recs, err := ReadScalars(dir)
	if err != nil || len(recs) != 2*2+2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	last := recs[len(recs)-1]
	if _, ok := last.Metrics["val_auc"]; ok || last.Metrics["val_accuracy"] == 0 && last.Metrics["accuracy"] == 0 {
		t.Errorf("epoch record %+v: want val_auc left out, the others kept", last.Metrics)
	}
}
