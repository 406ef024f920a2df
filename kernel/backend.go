package kernel

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// PJRTPluginEnv is the variable go-xla reads for the directories (a
// ":"-separated list) in which to look for PJRT plugins.
const PJRTPluginEnv = "PJRT_PLUGIN_LIBRARY_PATH"

// BackendEnv is the variable GoMLX reads for its backend configuration,
// e.g. "go", "xla:cpu", "xla:cuda" or "xla:/abs/path/pjrt_c_api_cpu_plugin.so".
const BackendEnv = "GOMLX_BACKEND"

// PJRTPlugins returns the PJRT plugins installed on this machine, by name
// ("cpu", "cuda", …) to path, searching where go-xla searches:
// $PJRT_PLUGIN_LIBRARY_PATH if set, else ~/.local/lib/go-xla,
// ~/.local/lib/gomlx/pjrt, /usr/local/lib/go-xla(/nvidia),
// /usr/local/lib/gomlx/pjrt and the directories of $LD_LIBRARY_PATH. A plugin
// named by an absolute path in $GOMLX_BACKEND ("xla:/path/plugin.so") is
// included too. The first directory holding a name wins.
//
// It only looks at file names: loading a plugin needs cgo, which the kernel
// does not link. A found plugin can still fail to load; the ml package says
// so when it does.
func PJRTPlugins() map[string]string {
	found := map[string]string{}
	if cfg := os.Getenv(BackendEnv); strings.HasPrefix(cfg, "xla:") {
		p, _, _ := strings.Cut(strings.TrimPrefix(cfg, "xla:"), ",")
		if filepath.IsAbs(p) && isFile(p) {
			found[pluginName(p)] = p
		}
	}
	for _, dir := range pjrtSearchDirs() {
		for _, pattern := range []string{"pjrt_c_api_*_plugin.so", "pjrt-plugin-*.so", "pjrt_plugin_*.so"} {
			matches, _ := filepath.Glob(filepath.Join(dir, pattern))
			sort.Strings(matches)
			for _, m := range matches {
				name := pluginName(m)
				if _, dup := found[name]; !dup && isFile(m) {
					found[name] = m
				}
			}
		}
	}
	return found
}

func pjrtSearchDirs() []string {
	if v := os.Getenv(PJRTPluginEnv); v != "" {
		return filepath.SplitList(v)
	}
	var dirs []string
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "lib", "go-xla"), filepath.Join(home, ".local", "lib", "gomlx", "pjrt"))
	}
	dirs = append(dirs, "/usr/local/lib/go-xla", "/usr/local/lib/go-xla/nvidia", "/usr/local/lib/gomlx/pjrt")
	for _, d := range filepath.SplitList(os.Getenv("LD_LIBRARY_PATH")) {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// pluginName maps ".../pjrt_c_api_cuda_plugin.so" to "cuda", and
// "pjrt-plugin-cpu.so" or "pjrt_plugin_cpu.so" to "cpu".
func pluginName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".so")
	for _, prefix := range []string{"pjrt_c_api_", "pjrt-plugin-", "pjrt_plugin_"} {
		base = strings.TrimPrefix(base, prefix)
	}
	return strings.TrimSuffix(base, "_plugin")
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// BackendChoice is what the kernel decides for the cells it runs.
type BackendChoice struct {
	// BuildTags are the go build tags for cells: "noxla" when no plugin is
	// installed, so cells neither link XLA (3× slower builds) nor try to
	// download it.
	BuildTags []string
	// Plugins are the PJRT plugins found (name → path).
	Plugins map[string]string
	// Reason is one line for people: which backend runs and how to get XLA.
	Reason string
}

// ChooseBackend decides the compute backend for notebook cells: XLA when a
// PJRT plugin is installed (or the user asked for it in $GOMLX_BACKEND), the
// pure-Go backend otherwise.
func ChooseBackend() BackendChoice {
	plugins := PJRTPlugins()
	user := os.Getenv(BackendEnv)
	c := BackendChoice{Plugins: plugins}
	switch {
	case user != "" && !strings.HasPrefix(user, "xla"):
		c.BuildTags = []string{"noxla"}
		c.Reason = "backend " + user + " (set by " + BackendEnv + ")"
	case user != "":
		c.Reason = "backend " + user + " (set by " + BackendEnv + ")"
	case len(plugins) > 0:
		names := make([]string, 0, len(plugins))
		for n := range plugins {
			names = append(names, n)
		}
		sort.Strings(names)
		c.Reason = "backend xla (PJRT plugins found: " + strings.Join(names, ", ") + ")"
	default:
		c.BuildTags = []string{"noxla"}
		c.Reason = "backend go (pure Go): no XLA PJRT plugin installed; to use XLA install one " +
			"with `glassbox xla install` (needs internet) or point " + PJRTPluginEnv + " at its folder"
	}
	return c
}
