package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/glassbox-ml/glassbox/kernel"
)

func init() {
	register(&command{name: "kernel install", summary: "install the Jupyter kernelspec \"Go (GlassBox)\"", run: kernelInstall})
	register(&command{name: "kernel run", summary: "run the kernel (Jupyter calls this)", run: kernelRun})
}

// moduleRoot finds the GlassBox checkout: the directory holding go.mod, from
// the flag, else the directory above the executable's bin/, else the
// working directory and its parents.
func moduleRoot(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	var starts []string
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(filepath.Dir(exe)))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, dir := range starts {
		for d := dir; ; d = filepath.Dir(d) {
			if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && isGlassBoxMod(b) {
				return d, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("cannot find the GlassBox checkout (its go.mod): pass --module DIR")
}

func isGlassBoxMod(gomod []byte) bool {
	const want = "module github.com/glassbox-ml/glassbox\n"
	return len(gomod) >= len(want) && string(gomod[:len(want)]) == want
}

func kernelInstall(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("kernel install", flag.ContinueOnError)
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter (e.g. a virtual environment); default: the user's Jupyter data dir")
	module := fs.String("module", "", "the GlassBox checkout whose packages cells import (default: found from the executable)")
	name := fs.String("name", kernel.DefaultName, "kernelspec name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := moduleRoot(*module)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return err
	}
	tools := filepath.Dir(exe)
	if missing := missingTools(tools); len(missing) > 0 {
		return fmt.Errorf("%v not found next to %s: run `make tools` in %s (it builds them into bin/)", missing, exe, root)
	}
	if *prefix != "" {
		if *prefix, err = filepath.Abs(*prefix); err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(*prefix, "bin", "jupyter")); err != nil {
			return fmt.Errorf("no Jupyter in %s: create it with `make venv` (python3 -m venv %s && %s/bin/pip install -r requirements.txt)", *prefix, *prefix, *prefix)
		}
	}
	dir, changed, err := kernel.Install(kernel.InstallOptions{Launcher: exe, Module: root, Prefix: *prefix, Name: *name})
	if err != nil {
		return err
	}
	state := "installed"
	if !changed {
		state = "already installed, unchanged"
	}
	fmt.Fprintf(stdout, "kernel %q (%s) %s in %s\n", *name, kernel.DefaultDisplayName, state, dir)
	return nil
}

// missingTools lists the executables the kernel needs that dir lacks.
func missingTools(dir string) []string {
	var missing []string
	for _, t := range []string{kernel.GoNBTool, kernel.GoImportsTool} {
		if _, err := os.Stat(filepath.Join(dir, t)); err != nil {
			missing = append(missing, t)
		}
	}
	return missing
}

func kernelRun(args []string, _ io.Writer) error {
	fs := flag.NewFlagSet("kernel run", flag.ContinueOnError)
	var o kernel.LaunchOptions
	fs.StringVar(&o.ConnectionFile, "connection-file", "", "Jupyter connection file")
	fs.StringVar(&o.Module, "module", "", "GlassBox checkout")
	fs.StringVar(&o.ToolsDir, "tools", "", "directory with gonb and goimports (default: the executable's)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return kernel.Launch(o)
}
