package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func init() {
	register(&command{name: "run", summary: "execute a notebook headless through the GlassBox kernel, with parameters (-p name=value)", run: runNotebook})
}

// runNotebook executes a notebook the way papermill does, through the
// GlassBox kernel and Jupyter's nbconvert: the cell tagged "parameters"
// holds the defaults (`var seed int64 = 42`), and the values given with -p
// go into a cell tagged "injected-parameters" inserted after it.
func runNotebook(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("out", "", "executed notebook `FILE` (default out/NAME.ipynb)")
	html := fs.String("html", "", "also export the executed notebook to `FILE`.html")
	timeout := fs.Int("timeout", 1800, "seconds a cell may run")
	python := fs.String("python", "", "the Python with Jupyter (default: the checkout's .venv/bin/python, else python3)")
	params := map[string]string{}
	var order []string
	fs.Func("p", "a parameter `name=value` (repeatable); its type follows the default in the parameters cell", func(s string) error {
		name, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return fmt.Errorf("%q: want name=value", s)
		}
		name = strings.TrimSpace(name)
		if _, dup := params[name]; !dup {
			order = append(order, name)
		}
		params[name] = value
		return nil
	})
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox run NOTEBOOK [--out OUT.ipynb] [--html OUT.html] [-p name=value …] [--timeout S]\n\n"+
			"Executes NOTEBOOK top to bottom through the GlassBox kernel (Jupyter's nbconvert), with the\n"+
			"parameters given: the cell tagged \"parameters\" declares them (var seed int64 = 42); the values\n"+
			"go into an \"injected-parameters\" cell after it. Exits non-zero when a cell fails, naming it.\n\n")
		fs.PrintDefaults()
	}
	var nbPath string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		nbPath, args = args[0], args[1:]
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	if nbPath == "" && fs.NArg() > 0 {
		nbPath = fs.Arg(0)
	}
	if nbPath == "" {
		return errors.New("NOTEBOOK is required (glassbox run NOTEBOOK …)")
	}
	b, err := os.ReadFile(nbPath)
	if err != nil {
		return err
	}
	var nb notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return fmt.Errorf("%s: not a notebook: %w", nbPath, err)
	}
	if err := nb.inject(params, order); err != nil {
		return fmt.Errorf("%s: %w", nbPath, err)
	}
	if *out == "" {
		*out = filepath.Join("out", strings.TrimSuffix(filepath.Base(nbPath), filepath.Ext(nbPath))+".ipynb")
	}
	py, err := jupyterPython(*python)
	if err != nil {
		return err
	}
	// The injected copy sits beside the original, so that the cells run in
	// the notebook's folder as they would in Jupyter.
	tmp, err := os.CreateTemp(filepath.Dir(nbPath), ".glassbox-run-*.ipynb")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := json.NewEncoder(tmp).Encode(nb); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	outAbs, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(outAbs), 0o755); err != nil {
		return err
	}
	start := time.Now()
	cmd := exec.Command(py, "-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=glassbox", fmt.Sprintf("--ExecutePreprocessor.timeout=%d", *timeout),
		"--output", outAbs, tmp.Name())
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("executing %s: %w\n%s", nbPath, err, lastLines(string(msg), 15))
	}
	done, err := os.ReadFile(outAbs)
	if err != nil {
		return err
	}
	var executed notebook
	if err := json.Unmarshal(done, &executed); err != nil {
		return err
	}
	if err := executed.firstError(); err != nil {
		return fmt.Errorf("%s: %w (executed notebook: %s)", nbPath, err, *out)
	}
	fmt.Fprintf(stdout, "executed %s in %.0fs → %s\n", nbPath, time.Since(start).Seconds(), *out)
	if *html != "" {
		htmlAbs, err := filepath.Abs(*html)
		if err != nil {
			return err
		}
		cmd := exec.Command(py, "-m", "nbconvert", "--to", "html", "--output", strings.TrimSuffix(htmlAbs, ".html"), outAbs)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("exporting %s: %w\n%s", *out, err, lastLines(string(msg), 15))
		}
		fmt.Fprintf(stdout, "HTML export → %s\n", *html)
	}
	return nil
}

// jupyterPython finds a Python that has nbconvert.
func jupyterPython(given string) (string, error) {
	candidates := []string{given}
	if given == "" {
		if root, err := moduleRoot(""); err == nil {
			candidates = append(candidates, filepath.Join(root, ".venv", "bin", "python"))
		}
		if exe, err := os.Executable(); err == nil {
			candidates = append(candidates, filepath.Join(filepath.Dir(exe), "..", ".venv", "bin", "python"))
		}
		candidates = append(candidates, "python3")
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		p, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if exec.Command(p, "-c", "import nbconvert").Run() == nil {
			return p, nil
		}
	}
	return "", errors.New("no Python with Jupyter's nbconvert found: run `make venv` in the checkout, or give --python")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// notebook is an .ipynb file: its cells, and every other field as read.
type notebook struct {
	Cells []cell                     `json:"cells"`
	Rest  map[string]json.RawMessage `json:"-"`
}

type cell struct {
	Type     string                     `json:"cell_type"`
	Source   source                     `json:"source"`
	Metadata map[string]json.RawMessage `json:"metadata"`
	Outputs  []map[string]any           `json:"outputs,omitempty"`
	Rest     map[string]json.RawMessage `json:"-"`
}

// source is a cell's text, written as a string or a list of lines.
type source string

func (s *source) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*s = source(strings.Join(lines, ""))
		return nil
	}
	return json.Unmarshal(b, (*string)(s))
}

func (nb *notebook) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &nb.Rest); err != nil {
		return err
	}
	err := json.Unmarshal(nb.Rest["cells"], &nb.Cells)
	delete(nb.Rest, "cells")
	return err
}

func (nb notebook) MarshalJSON() ([]byte, error) {
	all := map[string]any{"cells": nb.Cells}
	for k, v := range nb.Rest {
		all[k] = v
	}
	return json.Marshal(all)
}

func (c *cell) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &c.Rest); err != nil {
		return err
	}
	for key, dst := range map[string]any{"cell_type": &c.Type, "source": &c.Source, "metadata": &c.Metadata, "outputs": &c.Outputs} {
		if raw, ok := c.Rest[key]; ok {
			if err := json.Unmarshal(raw, dst); err != nil {
				return fmt.Errorf("cell %s: %w", key, err)
			}
			delete(c.Rest, key)
		}
	}
	return nil
}

func (c cell) MarshalJSON() ([]byte, error) {
	all := map[string]any{"cell_type": c.Type, "source": string(c.Source), "metadata": c.Metadata}
	if c.Type == "code" {
		all["outputs"] = c.Outputs
		if c.Outputs == nil {
			all["outputs"] = []any{}
		}
	}
	for k, v := range c.Rest {
		all[k] = v
	}
	return json.Marshal(all)
}

func (c cell) tagged(tag string) bool {
	var meta struct {
		Tags []string `json:"tags"`
	}
	if raw, ok := c.Metadata["tags"]; ok {
		json.Unmarshal(raw, &meta.Tags)
	}
	return slices.Contains(meta.Tags, tag)
}

// paramDecl matches a declaration of the parameters cell: var name [type] = value.
var paramDecl = regexp.MustCompile(`^\s*var\s+([A-Za-z_]\w*)\s*([A-Za-z_][\w.]*)?\s*=\s*(.+?)\s*(//.*)?$`)

// inject puts the given parameters into an "injected-parameters" cell after
// the "parameters" cell, each typed like its default.
func (nb *notebook) inject(params map[string]string, order []string) error {
	nb.Cells = slices.DeleteFunc(nb.Cells, func(c cell) bool { return c.tagged("injected-parameters") })
	if len(params) == 0 {
		return nil
	}
	at := slices.IndexFunc(nb.Cells, func(c cell) bool { return c.tagged("parameters") })
	if at < 0 {
		return errors.New(`-p given, but no cell is tagged "parameters"`)
	}
	defaults := map[string][2]string{} // name → type, default value
	var names []string
	for _, line := range strings.Split(string(nb.Cells[at].Source), "\n") {
		if m := paramDecl.FindStringSubmatch(line); m != nil {
			defaults[m[1]] = [2]string{m[2], m[3]}
			names = append(names, m[1])
		}
	}
	var b strings.Builder
	b.WriteString("// Injected by glassbox run.\n")
	for _, name := range order {
		d, ok := defaults[name]
		if !ok {
			return fmt.Errorf("parameter %q is not declared in the parameters cell (it declares: %s)", name, strings.Join(names, ", "))
		}
		lit, err := goLiteral(d[0], d[1], params[name])
		if err != nil {
			return fmt.Errorf("parameter %s: %w", name, err)
		}
		if d[0] != "" {
			fmt.Fprintf(&b, "var %s %s = %s\n", name, d[0], lit)
		} else {
			fmt.Fprintf(&b, "var %s = %s\n", name, lit)
		}
	}
	tags, _ := json.Marshal([]string{"injected-parameters"})
	injected := cell{Type: "code", Source: source(b.String()), Metadata: map[string]json.RawMessage{"tags": tags},
		Rest: map[string]json.RawMessage{"execution_count": json.RawMessage("null"), "id": json.RawMessage(`"injected-parameters"`)}}
	nb.Cells = slices.Insert(nb.Cells, at+1, injected)
	return nil
}

// goLiteral writes value as a Go literal of the kind of the default: a
// string, a bool, an integer or a floating-point number.
func goLiteral(typ, def, value string) (string, error) {
	kind := typ
	switch {
	case strings.HasPrefix(def, `"`) || strings.HasPrefix(def, "`"):
		kind = "string"
	case def == "true" || def == "false":
		kind = "bool"
	case kind == "":
		if _, err := strconv.ParseInt(def, 0, 64); err == nil {
			kind = "int"
		} else if _, err := strconv.ParseFloat(def, 64); err == nil {
			kind = "float64"
		}
	}
	switch {
	case kind == "string":
		return strconv.Quote(value), nil
	case kind == "bool":
		v, err := strconv.ParseBool(value)
		if err != nil {
			return "", fmt.Errorf("%q is not true or false", value)
		}
		return strconv.FormatBool(v), nil
	case strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint"):
		v, err := strconv.ParseInt(value, 0, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not an integer", value)
		}
		return strconv.FormatInt(v, 10), nil
	case strings.HasPrefix(kind, "float"):
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not a number", value)
		}
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s, nil
	}
	return "", fmt.Errorf("its default %s is not a string, bool or number literal", def)
}

// firstError returns the first cell whose outputs hold an error (or a Go
// panic on stderr, as GoNB reports it), named by its number and first line.
func (nb notebook) firstError() error {
	n := 0
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		n++
		first := ""
		for _, line := range strings.Split(string(c.Source), "\n") {
			if line = strings.TrimSpace(line); line != "" && line != "%%" {
				first = line
				break
			}
		}
		for _, o := range c.Outputs {
			if o["output_type"] == "error" {
				return fmt.Errorf("code cell %d (%s) failed: %v: %v", n, first, o["ename"], o["evalue"])
			}
			if text := streamText(o); o["output_type"] == "stream" && o["name"] == "stderr" && strings.Contains(text, "panic:") {
				_, panicked, _ := strings.Cut(text, "panic:")
				line, _, _ := strings.Cut(strings.TrimSpace(panicked), "\n")
				return fmt.Errorf("code cell %d (%s) failed: panic: %s", n, first, line)
			}
		}
	}
	return nil
}

// streamText is a stream output's text, written as a string or lines.
func streamText(o map[string]any) string {
	switch t := o["text"].(type) {
	case string:
		return t
	case []any:
		var b strings.Builder
		for _, l := range t {
			fmt.Fprint(&b, l)
		}
		return b.String()
	}
	return ""
}
