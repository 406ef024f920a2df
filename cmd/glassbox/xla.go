package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/gomlx/go-xla/installer"
)

func init() {
	register(&command{name: "xla install", summary: "download and install XLA's PJRT plugins (CPU; CUDA when a GPU is present)", run: xlaInstall})
}

func xlaInstall(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("xla install", flag.ContinueOnError)
	dir := fs.String("dir", "", "library `DIR` under which go-xla/ is created (default ~/.local/lib)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := installer.AutoInstall(*dir, true, installer.Normal); err != nil {
		return fmt.Errorf("%w\n(plugins are downloaded from GitHub and PyPI; without internet access the pure-Go backend is used)", err)
	}
	fmt.Fprintln(stdout, "XLA PJRT plugins installed; `glassbox doctor` lists them. New kernels pick XLA automatically.")
	return nil
}
