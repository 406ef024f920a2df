package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/gomlx/go-xla/installer"
)

func init() {
	register(&command{name: "xla install", summary: "download and install XLA's PJRT plugins (CPU; CUDA with --cuda or when a GPU is present)", run: xlaInstall})
}

func xlaInstall(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("xla install", flag.ContinueOnError)
	dir := fs.String("dir", "", "library `DIR` under which go-xla/ is created (default ~/.local/lib)")
	cuda := fs.Bool("cuda", false, "also install the CUDA plugin and NVIDIA libraries when no GPU is visible (e.g. building a container image)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	const hint = "\n(plugins are downloaded from GitHub and PyPI; without internet access the pure-Go backend is used)"
	if err := installer.AutoInstall(*dir, true, installer.Normal); err != nil {
		return fmt.Errorf("%w%s", err, hint)
	}
	if *cuda {
		lib := *dir
		if lib == "" {
			var err error
			if lib, err = installer.DefaultHomeLibPath(); err != nil {
				return err
			}
		}
		if err := installer.CudaInstall("cuda13", "latest", filepath.Join(lib, "go-xla"), true, installer.Normal); err != nil {
			return fmt.Errorf("CUDA plugin: %w%s", err, hint)
		}
	}
	fmt.Fprintln(stdout, "XLA PJRT plugins installed; `glassbox doctor` lists them. New kernels pick XLA automatically.")
	return nil
}
