package ml

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/glassbox-ml/glassbox/internal/backend"
	"github.com/gomlx/compute"
	_ "github.com/gomlx/compute/gobackend" // registers the pure-Go backend "go"
)

// BackendEnv is the environment variable that chooses the GoMLX backend when
// no option does: "go", "xla", "xla:cpu", "xla:cuda" or "xla:/abs/path/plugin.so".
const BackendEnv = backend.Env

// Backend describes which GoMLX backend runs the models and why it was chosen.
type Backend struct {
	// Config is the GoMLX backend configuration in use, e.g. "go" or "xla:cuda".
	Config string
	// Reason says where the choice came from: an option, $GOMLX_BACKEND, or the default rule.
	Reason string
	// XLALinked reports whether this binary was built with the XLA backend
	// (it is not when built with the noxla tag).
	XLALinked bool
	// Plugins lists the XLA PJRT plugins found (name → path); empty without XLA.
	Plugins map[string]string
}

// String formats the backend as one line, e.g. `go (pure Go: no XLA PJRT plugin installed; …)`.
func (b Backend) String() string { return fmt.Sprintf("%s (%s)", b.Config, b.Reason) }

// xlaSupport is filled by backend_xla.go in builds that link XLA.
var xlaSupport struct {
	linked  bool
	plugins func() map[string]string
}

// BackendInfo returns the backend a model would use given the option opt
// (empty for none), by the rule the kernel follows for notebook cells too:
// opt wins, then $GOMLX_BACKEND, then XLA when this binary links it and a
// PJRT plugin is installed (where go-xla searches: $PJRT_PLUGIN_LIBRARY_PATH,
// ~/.local/lib/go-xla, /usr/local/lib/go-xla, the system library paths),
// otherwise the pure-Go backend "go".
func BackendInfo(opt string) Backend {
	plugins := map[string]string{}
	if xlaSupport.linked {
		plugins = xlaSupport.plugins()
	}
	c := backend.Choose(opt, xlaSupport.linked, plugins)
	return Backend{Config: c.Config, Reason: c.Reason, XLALinked: xlaSupport.linked, Plugins: plugins}
}

// goBackendConfig is what a plain "go" opens: ops run one after another
// (each op still uses the worker pool). The small graphs of tabular models
// train about 2.5× faster than with GoMLX's default of running
// independent ops concurrently (bench/train, 2 cores); "go:ops_parallel"
// restores that default.
const goBackendConfig = "go:ops_sequential"

var backends = struct {
	sync.Mutex
	byConfig map[string]compute.Backend
}{byConfig: map[string]compute.Backend{}}

// openBackend returns the process-wide backend for opt (see BackendInfo),
// creating it on first use. Asking for XLA in a binary without it, or for a
// plugin that is not installed, is an error that says how to fix it.
func openBackend(opt string) (compute.Backend, Backend, error) {
	info := BackendInfo(opt)
	backends.Lock()
	defer backends.Unlock()
	if be, ok := backends.byConfig[info.Config]; ok {
		return be, info, nil
	}
	if err := checkBackendAvailable(info); err != nil {
		return nil, info, err
	}
	config := info.Config
	if config == "go" {
		config = goBackendConfig
	}
	var be compute.Backend
	err := catchPanic(func() error {
		var err error
		be, err = compute.NewWithConfig(config)
		return err
	})
	if err != nil {
		fix := ""
		if strings.HasPrefix(config, "xla") {
			fix = "; to run without XLA use GOMLX_BACKEND=go"
		}
		return nil, info, fmt.Errorf("ml: opening backend %q (%s): %w%s", info.Config, info.Reason, err, fix)
	}
	backends.byConfig[info.Config] = be
	return be, info, nil
}

const xlaFix = "install a PJRT plugin with go-xla's installer (`glassbox xla install`, add --cuda for NVIDIA GPUs), " +
	"point $PJRT_PLUGIN_LIBRARY_PATH at its directory or give its absolute path (GOMLX_BACKEND=xla:/path/pjrt_c_api_cpu_plugin.so), " +
	"or use the pure-Go backend with GOMLX_BACKEND=go"

// checkBackendAvailable fails early, with the fix, where GoMLX would panic or
// try to download a plugin.
func checkBackendAvailable(info Backend) error {
	name, plugin, _ := strings.Cut(info.Config, ":")
	if name == "go" {
		return nil
	}
	if !(backend.Choice{Config: info.Config}).XLA() {
		return fmt.Errorf("ml: unknown backend %q (%s); known: go, xla, xla:cpu, xla:cuda, xla:/path/plugin.so", info.Config, info.Reason)
	}
	if !info.XLALinked {
		return fmt.Errorf("ml: backend %q (%s) asked for XLA, but this binary was built with the noxla tag; rebuild without -tags=noxla (cgo needed) or use GOMLX_BACKEND=go", info.Config, info.Reason)
	}
	plugin, _, _ = strings.Cut(plugin, ",")
	if strings.HasPrefix(plugin, "/") {
		if _, err := os.Stat(plugin); err != nil {
			return fmt.Errorf("ml: XLA plugin %s (%s): %w; %s", plugin, info.Reason, err, xlaFix)
		}
		return nil
	}
	if len(info.Plugins) == 0 {
		return fmt.Errorf("ml: backend %q (%s) needs an XLA PJRT plugin and none is installed; %s", info.Config, info.Reason, xlaFix)
	}
	if plugin != "" {
		for n := range info.Plugins {
			if n == plugin || strings.HasPrefix(n, plugin+"_") {
				return nil
			}
		}
		return fmt.Errorf("ml: XLA plugin %q (%s) is not installed (found %v); %s", plugin, info.Reason, backend.Names(info.Plugins), xlaFix)
	}
	return nil
}

// catchPanic runs f and turns a panic (GoMLX reports graph errors by
// panicking) into an error.
func catchPanic(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = errors.New(fmt.Sprint(r))
			}
		}
	}()
	return f()
}
