package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainShardsMergeByteForByte: explaining the rows in shards and
// merging the parts gives exactly the file of one unsharded run, JSON and
// CSV, for a sampling Shapley method and for LIME.
func TestExplainShardsMergeByteForByte(t *testing.T) {
	table, runDir := trainedRun(t)
	dir := t.TempDir()
	cli := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
	for _, method := range []string{"permutation", "lime"} {
		common := []string{"explain", "--run", runDir, "--data", table, "--method", method, "--rows", "11", "--seed", "4"}
		whole := filepath.Join(dir, method+".json")
		cli(append(common, "--out", whole)...)
		var parts []string
		for i := range 3 {
			p := filepath.Join(dir, fmt.Sprintf("%s-part-%d.json", method, i))
			out := cli(append(common, "--shard", fmt.Sprintf("%d/3", i), "--out", p)...)
			if !strings.Contains(out, fmt.Sprintf("shard %d of 3", i)) {
				t.Errorf("shard %d printed %q", i, out)
			}
			parts = append([]string{p}, parts...) // any order
		}
		for _, ext := range []string{".json", ".csv"} {
			merged := filepath.Join(dir, method+"-merged"+ext)
			cli(append([]string{"explain", "merge", "--out", merged}, parts...)...)
			want := whole
			if ext == ".csv" {
				want = filepath.Join(dir, method+".csv")
				cli(append(common, "--out", want)...)
			}
			a, _ := os.ReadFile(want)
			b, _ := os.ReadFile(merged)
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s%s: the merged shards differ from the unsharded file (%d vs %d bytes)", method, ext, len(b), len(a))
			}
		}
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"explain", "merge", "--out", filepath.Join(dir, "x.json")}, parts[:2]...), &stdout, &stderr); code == 0 ||
			!strings.Contains(stderr.String(), "missing") && !strings.Contains(stderr.String(), "2 of 3 shards") {
			t.Errorf("merging 2 of 3 shards: exit %d, %s", code, stderr.String())
		}
	}
	for _, bad := range []string{"3/3", "x/2", "1", "0/0", "0/20"} {
		var stdout, stderr bytes.Buffer
		args := []string{"explain", "--run", runDir, "--data", table, "--rows", "11", "--shard", bad, "--out", filepath.Join(dir, "p.json")}
		if code := run(args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "--shard") {
			t.Errorf("--shard %s: exit %d, %s", bad, code, stderr.String())
		}
	}
}

func TestParseShardCoversEveryRowOnce(t *testing.T) {
	for total := 1; total <= 30; total++ {
		for n := 1; n <= total; n++ {
			next := 0
			for i := range n {
				p, err := parseShard(fmt.Sprintf("%d/%d", i, n), total)
				if err != nil || p.FirstRow != next || p.Rows < total/n || p.Rows > total/n+1 {
					t.Fatalf("%d rows, shard %d/%d: %+v, %v", total, i, n, p, err)
				}
				next += p.Rows
			}
			if next != total {
				t.Fatalf("%d rows in %d shards cover %d", total, n, next)
			}
		}
	}
}
