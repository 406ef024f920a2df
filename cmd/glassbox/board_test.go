package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBoardFlags(t *testing.T) {
	var out bytes.Buffer
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "--logdir DIR is required"},
		{[]string{"--logdir", "x", "extra"}, `unexpected argument "extra"`},
		{[]string{"--nope"}, "flag provided but not defined"},
	} {
		if _, err := parseBoardFlags(tc.args, &out); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
	c, err := parseBoardFlags([]string{"--logdir", "runs"}, &out)
	if err != nil || c.addr != "127.0.0.1:6006" || c.logDir != "runs" || c.open {
		t.Errorf("defaults: %+v %v", c, err)
	}
	out.Reset()
	if c, err := parseBoardFlags([]string{"-h"}, &out); c != nil || err != nil || !strings.Contains(out.String(), "--logdir") {
		t.Errorf("-h: %v %v %q", c, err, out.String())
	}
	if code := run([]string{"board"}, io.Discard, io.Discard); code != 1 {
		t.Errorf("glassbox board without --logdir: exit %d", code)
	}
}

// The command serves the board, prints its URL and stops when asked.
func TestBoardServes(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a", "config.json"), []byte(`{"format":1}`), 0o644)
	for _, addr := range []string{"127.0.0.1:0", "0.0.0.0:0"} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr bytes.Buffer
		urls := make(chan string, 1)
		done := make(chan error, 1)
		go func() {
			done <- serveBoard(ctx, boardConfig{logDir: dir, addr: addr, assets: t.TempDir()}, &stdout, &stderr, func(u string) { urls <- u })
		}()
		var url string
		select {
		case url = <-urls:
		case err := <-done:
			t.Fatalf("%s: %v", addr, err)
		case <-time.After(10 * time.Second):
			t.Fatal("the board did not start")
		}
		url = strings.Replace(url, "0.0.0.0", "127.0.0.1", 1)
		res, err := http.Get(url + "api/runs")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), `"name":"a"`) {
			t.Errorf("%s: GET /api/runs: %d %s", addr, res.StatusCode, body)
		}
		res, err = http.Post(url+"api/runs", "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST: %d", res.StatusCode)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s: %v", addr, err)
		}
		if !strings.Contains(stdout.String(), "GlassBox board of "+dir+" at http://") || !strings.Contains(stdout.String(), "board stopped") {
			t.Errorf("%s: stdout %q", addr, stdout.String())
		}
		loopbackWarned := strings.Contains(stderr.String(), "is not a loopback address")
		if loopbackWarned != (addr == "0.0.0.0:0") {
			t.Errorf("%s: stderr %q", addr, stderr.String())
		}
		if !strings.Contains(stderr.String(), "ECharts not found") {
			t.Errorf("%s: no warning about ECharts: %q", addr, stderr.String())
		}
	}
}
