package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "customers.csv")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", "data", "--name", "customers", "--rows", "400", "--out", csv}, &stdout, &stderr); code != 0 {
		t.Fatalf("report data: %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "400 rows") {
		t.Errorf("report data said %q", stdout.String())
	}
	runDir := filepath.Join(dir, "run")
	if code := run([]string{"train", "--data", csv, "--target", "buys", "--out", runDir, "--epochs", "3", "--seed", "1", "--backend", "go"}, &stdout, &stderr); code != 0 {
		t.Fatalf("train: %d: %s", code, stderr.String())
	}
	var pages [][]byte
	for i, lang := range []string{"en", "zh", "zh"} {
		out := filepath.Join(dir, lang+".html")
		stdout.Reset()
		args := []string{"report", "--run", runDir, "--data", csv, "--out", out, "--lang", lang, "--max-rows", "40", "--samples", "64", "--row", "5", "--row", "7,9", "--quiet"}
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("report %d: %d: %s", i, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "wrote "+out) {
			t.Errorf("report said %q", stdout.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`<html lang="`)) || !bytes.Contains(b, []byte(`id="row-9"`)) {
			t.Errorf("%s: not a report of rows 5, 7, 9", out)
		}
		pages = append(pages, b)
	}
	if !bytes.Contains(pages[1], []byte("模型卡片")) || bytes.Contains(pages[0], []byte("模型卡片")) {
		t.Error("--lang does not choose the language")
	}
	if !bytes.Equal(pages[1], pages[2]) {
		t.Error("the same command wrote different bytes")
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--data", csv, "--out", "x.html"}, "--run"},
		{[]string{"report", "--run", runDir, "--data", csv, "--out", "x.pdf"}, ".html"},
		{[]string{"report", "--run", runDir, "--data", csv, "--out", filepath.Join(dir, "x.html"), "--lang", "fr"}, "--lang"},
		{[]string{"report", "--run", runDir, "--data", csv, "--out", filepath.Join(dir, "x.html"), "--row", "4000", "--quiet"}, "out of range"},
		{[]string{"report", "data", "--name", "nope", "--out", filepath.Join(dir, "x.csv")}, "--name"},
	} {
		stderr.Reset()
		if code := run(c.args, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want an error naming %s", c.args, code, stderr.String(), c.want)
		}
	}
}
