package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/internal/backend"
	"github.com/glassbox-ml/glassbox/kernel"
)

func init() {
	register(&command{name: "doctor", summary: "check Go, the kernel's tools, Jupyter, the kernelspec and the compute backends", run: doctor})
}

// check is one line of the doctor's report.
type check struct {
	name     string
	ok       bool
	required bool
	detail   string // what was found
	fix      string // what to do when !ok
}

func doctor(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	prefix := fs.String("prefix", "", "the Jupyter prefix (virtual environment) the kernel was installed into (default: the checkout's .venv if present)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, _ := moduleRoot("")
	if *prefix == "" && root != "" {
		if _, err := os.Stat(filepath.Join(root, ".venv", "bin", "jupyter")); err == nil {
			*prefix = filepath.Join(root, ".venv")
		}
	}
	exe, _ := os.Executable()
	tools := filepath.Dir(exe)
	checks := []check{
		goCheck(),
		toolCheck(tools, kernel.GoNBTool, true),
		toolCheck(tools, kernel.GoImportsTool, true),
		toolCheck(tools, kernel.GoplsTool, false),
		jupyterCheck(*prefix),
		kernelspecCheck(*prefix),
	}
	checks = append(checks, backendChecks()...)
	failed := 0
	for _, c := range checks {
		mark := "ok  "
		switch {
		case !c.ok && c.required:
			mark, failed = "FAIL", failed+1
		case !c.ok:
			mark = "warn"
		}
		fmt.Fprintf(stdout, "[%s] %-12s %s\n", mark, c.name, c.detail)
		if !c.ok && c.fix != "" {
			fmt.Fprintf(stdout, "       %-12s fix: %s\n", "", c.fix)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d required check(s) failed", failed)
	}
	return nil
}

// output runs a command with a time limit and returns its first line.
func output(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return line, err
}

func goCheck() check {
	c := check{name: "go", required: true, fix: "install Go 1.26 or newer from go.dev/dl and put it on PATH"}
	v, err := output("go", "version")
	if err != nil {
		c.detail = "the go command is not on PATH (the kernel compiles every cell with it)"
		return c
	}
	c.ok, c.detail = true, v+" (glassbox built with "+runtime.Version()+")"
	return c
}

func toolCheck(dir, name string, required bool) check {
	c := check{name: name, required: required, fix: "run `make tools` in the GlassBox checkout"}
	if p := filepath.Join(dir, name); isExecutable(p) {
		c.ok, c.detail = true, p
		return c
	}
	if p, err := exec.LookPath(name); err == nil {
		c.ok, c.detail = true, p+" (from PATH)"
		return c
	}
	c.detail = "not found in " + dir + " nor on PATH"
	if name == kernel.GoplsTool {
		c.detail += " (optional: no code completion in notebooks)"
	}
	return c
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

func jupyterCheck(prefix string) check {
	c := check{name: "jupyter", required: true, fix: "run `make venv` (python3 -m venv .venv && .venv/bin/pip install -r requirements.txt)"}
	bin := "jupyter"
	if prefix != "" {
		bin = filepath.Join(prefix, "bin", "jupyter")
	}
	v, err := output(bin, "lab", "--version")
	if err != nil {
		c.detail = bin + " not found or not working"
		return c
	}
	c.ok, c.detail = true, "JupyterLab "+v+" ("+bin+")"
	return c
}

func kernelspecCheck(prefix string) check {
	c := check{name: "kernelspec", required: true, fix: "run `make kernel` (or `bin/glassbox kernel install --prefix .venv`)"}
	spec, path, err := kernel.ReadSpec(prefix, "")
	if err != nil {
		c.detail = err.Error()
		return c
	}
	if len(spec.Argv) == 0 || !isExecutable(spec.Argv[0]) {
		c.detail = path + " points to a missing launcher " + strings.Join(spec.Argv[:min(1, len(spec.Argv))], "")
		return c
	}
	c.ok, c.detail = true, fmt.Sprintf("%q at %s", spec.DisplayName, path)
	return c
}

// backendChecks reports each compute backend: the pure-Go one is always
// compiled in; XLA needs a PJRT plugin (CPU, or CUDA with an NVIDIA GPU).
func backendChecks() []check {
	choice := kernel.ChooseBackend()
	checks := []check{{name: "backend go", ok: true, detail: "pure Go, always available"}}
	names := backend.Names(choice.Plugins)
	xla := check{name: "backend xla", fix: "install a PJRT plugin with `glassbox xla install` (needs internet), or set " + kernel.PJRTPluginEnv + " to a folder holding pjrt_c_api_<name>_plugin.so"}
	if len(names) == 0 {
		xla.detail = "no PJRT plugin found: cells use the pure-Go backend"
	} else {
		xla.ok = true
		for _, n := range names {
			xla.detail += n + "=" + choice.Plugins[n] + " "
		}
	}
	checks = append(checks, xla)
	if backend.HasNVIDIAGPU() {
		cuda := check{name: "backend cuda", ok: choice.Plugins["cuda"] != "", detail: "NVIDIA GPU present",
			fix: "install the CUDA PJRT plugin with `glassbox xla install`"}
		if !cuda.ok {
			cuda.detail += ", but no CUDA PJRT plugin"
		}
		checks = append(checks, cuda)
	}
	checks = append(checks, check{name: "cells use", ok: true, detail: choice.Reason})
	return checks
}
