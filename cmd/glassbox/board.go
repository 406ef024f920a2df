package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/glassbox-ml/glassbox/reports/board"
)

func init() {
	register(&command{name: "board", summary: "serve a read-only board of the runs under a directory (curves, histograms, layers, hparams, explanations)", run: boardCommand})
}

// boardConfig is what the board command was asked for.
type boardConfig struct {
	logDir, addr, assets string
	open                 bool
}

func boardCommand(args []string, stdout io.Writer) error {
	c, err := parseBoardFlags(args, stdout)
	if err != nil || c == nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveBoard(ctx, *c, stdout, os.Stderr, nil)
}

// parseBoardFlags returns nil, nil after -h.
func parseBoardFlags(args []string, stdout io.Writer) (*boardConfig, error) {
	fs := flag.NewFlagSet("board", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var c boardConfig
	fs.StringVar(&c.logDir, "logdir", "", "`DIR` holding run directories (at any depth)")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:6006", "`HOST:PORT` to listen on (port 0: any free port)")
	fs.StringVar(&c.assets, "assets", "", "`DIR` holding echarts.min.js (default: third_party/echarts of the checkout)")
	fs.BoolVar(&c.open, "open", false, "open the board in the default browser")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox board --logdir DIR [--addr HOST:PORT] [--open] [--assets DIR]\n\n"+
			"Serves a read-only board of the runs under DIR: every run's curves overlaid, weight histograms,\n"+
			"the model's layers, a sortable table of options and final metrics, and saved explanations.\n"+
			"Runs being trained show their curves growing; new runs appear without a restart. It listens on\n"+
			"the loopback interface unless --addr says otherwise. Ctrl-C stops it.\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return nil, err // nil after -h
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.logDir == "" {
		return nil, errors.New("--logdir DIR is required")
	}
	return &c, nil
}

// serveBoard serves until ctx ends; ready, if set, gets the URL once the
// board listens.
func serveBoard(ctx context.Context, c boardConfig, stdout, stderr io.Writer, ready func(url string)) error {
	opts := board.Options{LogDir: c.logDir, Assets: c.assets}
	loopback := board.IsLoopback(c.addr)
	if loopback {
		opts.Hosts = board.LoopbackHosts
	}
	b, err := board.New(opts)
	if err != nil {
		return err
	}
	defer b.Close()
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if !loopback {
		fmt.Fprintf(stderr, "warning: --addr %s is not a loopback address: anyone who can reach this machine can read the runs under %s\n", c.addr, c.logDir)
	}
	if b.EChartsPath == "" {
		fmt.Fprintln(stderr, "warning: ECharts not found (run `make echarts` in the GlassBox checkout, or pass --assets DIR): the board shows tables without charts")
	}
	fmt.Fprintf(stdout, "GlassBox board of %s at %s (Ctrl-C stops it)\n", c.logDir, url)
	srv := &http.Server{Handler: b, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if ready != nil {
		ready(url)
	}
	if c.open {
		openBrowser(url, stderr)
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	fmt.Fprintln(stdout, "board stopped")
	return nil
}

func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "could not open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait()
}
