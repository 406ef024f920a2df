package kernel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// DefaultName is the kernelspec name GlassBox installs; Jupyter shows it as
// DefaultDisplayName.
const (
	DefaultName        = "glassbox"
	DefaultDisplayName = "Go (GlassBox)"
)

// Spec is a Jupyter kernelspec (kernel.json).
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode,omitempty"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// InstallOptions says where and how to install the kernel. The zero value
// of each optional field picks the default.
type InstallOptions struct {
	// Launcher is the absolute path of the glassbox executable, which
	// Jupyter runs as "glassbox kernel run". Required.
	Launcher string
	// Module is the root of the GlassBox Go module; cells import its
	// packages through a go.work that uses it. Required.
	Module string
	// Prefix installs into PREFIX/share/jupyter/kernels (a virtual
	// environment's sys.prefix); empty means the user's Jupyter data dir.
	Prefix string
	// Name of the kernelspec directory; default DefaultName.
	Name string
	// DisplayName shown by Jupyter; default DefaultDisplayName.
	DisplayName string
}

// DataDir returns the Jupyter data directory for prefix: PREFIX/share/jupyter,
// or, without a prefix, $JUPYTER_DATA_DIR or ~/.local/share/jupyter.
func DataDir(prefix string) (string, error) {
	if prefix != "" {
		return filepath.Join(prefix, "share", "jupyter"), nil
	}
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory for the Jupyter data dir (set JUPYTER_DATA_DIR or use --prefix): %w", err)
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// SpecFor returns the kernelspec Install writes for o.
func SpecFor(o InstallOptions) Spec {
	o = o.withDefaults()
	return Spec{
		Argv:          []string{o.Launcher, "kernel", "run", "--module", o.Module, "--connection-file", "{connection_file}"},
		DisplayName:   o.DisplayName,
		Language:      "go",
		InterruptMode: "signal",
		Metadata:      map[string]any{"glassbox": map[string]string{"module": o.Module}},
	}
}

func (o InstallOptions) withDefaults() InstallOptions {
	if o.Name == "" {
		o.Name = DefaultName
	}
	if o.DisplayName == "" {
		o.DisplayName = DefaultDisplayName
	}
	return o
}

// Install writes the kernelspec (kernel.json and logos) into the Jupyter
// data dir chosen by o. It is idempotent: when the files already hold the
// same content nothing is written and changed is false. Files are written
// to a temporary name and renamed, so a failure never leaves a half-written
// kernel.json.
func Install(o InstallOptions) (dir string, changed bool, err error) {
	o = o.withDefaults()
	if !filepath.IsAbs(o.Launcher) {
		return "", false, fmt.Errorf("launcher %q must be an absolute path", o.Launcher)
	}
	if !isFile(o.Launcher) {
		return "", false, fmt.Errorf("launcher %q does not exist: build it first with `make tools`", o.Launcher)
	}
	if st, err := os.Stat(filepath.Join(o.Module, "go.mod")); err != nil || !st.Mode().IsRegular() {
		return "", false, fmt.Errorf("module %q has no go.mod: pass the GlassBox checkout with --module", o.Module)
	}
	data, err := DataDir(o.Prefix)
	if err != nil {
		return "", false, err
	}
	dir = filepath.Join(data, "kernels", o.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, fmt.Errorf("creating kernelspec dir: %w", err)
	}
	spec, err := json.MarshalIndent(SpecFor(o), "", "  ")
	if err != nil {
		return "", false, err
	}
	files := map[string][]byte{"kernel.json": append(spec, '\n')}
	for size, png := range logos() {
		files[fmt.Sprintf("logo-%dx%d.png", size, size)] = png
	}
	for name, content := range files {
		c, err := writeIfChanged(filepath.Join(dir, name), content)
		if err != nil {
			return dir, changed, err
		}
		changed = changed || c
	}
	return dir, changed, nil
}

// ReadSpec reads an installed kernelspec.
func ReadSpec(prefix, name string) (Spec, string, error) {
	var s Spec
	data, err := DataDir(prefix)
	if err != nil {
		return s, "", err
	}
	if name == "" {
		name = DefaultName
	}
	path := filepath.Join(data, "kernels", name, "kernel.json")
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return s, path, fmt.Errorf("kernelspec %q is not installed at %s: run `glassbox kernel install`", name, path)
		}
		return s, path, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, path, fmt.Errorf("%s: %w", path, err)
	}
	return s, path, nil
}

func writeIfChanged(path string, content []byte) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, content) {
		return false, nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		return false, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("writing %s: %w", path, err)
	}
	return true, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
