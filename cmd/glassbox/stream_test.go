package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/glassbox-ml/glassbox/explain"
)

// TestExplainStreamsLikeOneCall: rows explained and written block by
// block (2,500 rows are three blocks) give the bytes of the unstreamed
// explanation — one shard of one, explained in a single call, merged —
// in JSON and CSV.
func TestExplainStreamsLikeOneCall(t *testing.T) {
	_, runDir := trainedRun(t)
	dir := t.TempDir()
	table := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(table, []byte(messyCSV(2500)), 0o644); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
		}
	}
	common := []string{"explain", "--run", runDir, "--data", table, "--method", "permutation", "--rows", "2500", "--seed", "5", "--quiet"}
	part := filepath.Join(dir, "all.part.json")
	cli(append(common, "--shard", "0/1", "--out", part)...)
	for _, ext := range []string{".json", ".csv"} {
		streamed, whole := filepath.Join(dir, "streamed"+ext), filepath.Join(dir, "whole"+ext)
		cli(append(common, "--out", streamed)...)
		cli("explain", "merge", "--out", whole, part)
		a, _ := os.ReadFile(whole)
		b, _ := os.ReadFile(streamed)
		if len(a) < 100_000 || !bytes.Equal(a, b) {
			t.Errorf("%s: the streamed file (%d bytes) differs from the one-call file (%d bytes)", ext, len(b), len(a))
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a temporary file is left: %s", e.Name())
		}
	}
}

// TestExplainInterruptWritesNothing runs the built command on 20,000 rows,
// sends it SIGINT once it has started explaining and written its first
// block, and checks that it stops at once with status 130, says how far it
// got, and leaves neither the output nor a temporary file.
func TestExplainInterruptWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	_, runDir := trainedRun(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "glassbox")
	if out, err := exec.Command("go", "build", "-tags=noxla", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	table := filepath.Join(work, "big.csv")
	if err := os.WriteFile(table, []byte(messyCSV(20000)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "why.json")
	cmd := exec.Command(bin, "explain", "--run", runDir, "--data", table, "--method", "kernel", "--rows", "20000", "--out", out)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() || lines.Text() != "explained 0 of 20,000 rows" {
		cmd.Process.Kill()
		t.Fatalf("first line on stderr: %q, %v", lines.Text(), lines.Err())
	}
	// The first block of 1,024 rows is written once the JSON's base
	// values wait in their temporary file.
	deadline := time.Now().Add(2 * time.Minute)
	for len(dotFiles(work)) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(dotFiles(work)); n < 2 {
		cmd.Process.Kill()
		t.Fatalf("%d temporary files after 2 minutes; want the output's and the spilled fields'", n)
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var rest strings.Builder
	for lines.Scan() {
		rest.WriteString(lines.Text() + "\n")
	}
	err = cmd.Wait()
	took := time.Since(sent)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit: %v, want status 130", err)
	}
	msg := rest.String()
	if !strings.Contains(msg, "glassbox explain: interrupted after ") || !strings.Contains(msg, " of 20000 rows; nothing written to "+out+"\n") {
		t.Errorf("stderr after SIGINT:\n%s", msg)
	}
	if took > 10*time.Second {
		t.Errorf("it took %v to stop", took)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists after the interrupt", out)
	}
	if left := dotFiles(work); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// dotFiles lists the hidden files of dir: the command's temporary files.
func dotFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestExplainSamplesSetsTheBudget: --samples 2 runs one antithetic pass of
// permutations per row instead of the default 20 permutations' ten (with 4
// players the passes share most coalitions, so fewer model rows and no
// standard errors tell them apart).
func TestExplainSamplesSetsTheBudget(t *testing.T) {
	table, runDir := trainedRun(t)
	dir := t.TempDir()
	evaluations := func(extra ...string) int64 {
		t.Helper()
		out := filepath.Join(dir, "e.json")
		var stdout, stderr bytes.Buffer
		args := append([]string{"explain", "--run", runDir, "--data", table, "--method", "permutation", "--rows", "3", "--quiet", "--out", out}, extra...)
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		b, _ := os.ReadFile(out)
		var e explain.Explanation
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatal(err)
		}
		if e.StdErr != nil != (len(extra) == 0) {
			t.Errorf("%v: standard errors %v; want them only with more than one pass", extra, e.StdErr != nil)
		}
		return e.Evaluations
	}
	few, many := evaluations("--samples", "2"), evaluations()
	if few <= 0 || many <= few {
		t.Errorf("model rows evaluated: %d with --samples 2, %d by default", few, many)
	}
}
