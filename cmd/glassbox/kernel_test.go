package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestKernelInstallSaysHowToGetMissingTools(t *testing.T) {
	// The test binary has no gonb or goimports beside it, as a checkout
	// before `make tools` has none in bin/.
	var stdout, stderr bytes.Buffer
	code := run([]string{"kernel", "install", "--prefix", t.TempDir()}, &stdout, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), "run `make tools`") || !strings.Contains(stderr.String(), "gonb") {
		t.Fatalf("exit %d, stderr %q: want the exact fix", code, stderr.String())
	}
}

func TestUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), `unknown command "frobnicate"`) {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if code := run(nil, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "kernel install") {
		t.Fatalf("help: exit %d, stdout %q", code, stdout.String())
	}
}
