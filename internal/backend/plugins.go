package backend

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// PluginPathEnv is the variable go-xla reads for the directories (a
// ":"-separated list) in which to look for PJRT plugins.
const PluginPathEnv = "PJRT_PLUGIN_LIBRARY_PATH"

// SearchDirs returns the directories go-xla (v0.4.1, pjrt/dynamiclib_*.go)
// searches for PJRT plugins, in its order: $PJRT_PLUGIN_LIBRARY_PATH when
// set; otherwise ~/.local/lib/go-xla, ~/.local/lib/go-xla/nvidia,
// ~/.local/lib/gomlx/pjrt, /usr/local/lib/go-xla, /usr/local/lib/go-xla/nvidia,
// /usr/local/lib/gomlx/pjrt, the absolute entries of $LD_LIBRARY_PATH and the
// directories of /etc/ld.so.conf (following its includes).
func SearchDirs() []string {
	if v := os.Getenv(PluginPathEnv); v != "" {
		var dirs []string
		for _, d := range strings.Split(v, ":") {
			if d != "" {
				dirs = append(dirs, d)
			}
		}
		return dirs
	}
	var dirs []string
	if home, err := os.UserHomeDir(); err == nil {
		goXLA := filepath.Join(home, ".local", "lib", "go-xla")
		dirs = append(dirs, goXLA, filepath.Join(goXLA, "nvidia"), filepath.Join(home, ".local", "lib", "gomlx", "pjrt"))
	}
	dirs = append(dirs, "/usr/local/lib/go-xla", "/usr/local/lib/go-xla/nvidia", "/usr/local/lib/gomlx/pjrt")
	for _, d := range strings.Split(os.Getenv("LD_LIBRARY_PATH"), ":") {
		if filepath.IsAbs(d) {
			dirs = append(dirs, d)
		}
	}
	return ldConfDirs(dirs, "/etc/ld.so.conf")
}

var ldConfInclude = regexp.MustCompile(`^\s*include\s+(.*)$`)

// ldConfDirs appends the directories listed in an ld.so.conf file, reading
// the files its "include" lines name.
func ldConfDirs(dirs []string, file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return dirs
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if m := ldConfInclude.FindStringSubmatch(line); m != nil {
			included, _ := filepath.Glob(strings.TrimSpace(m[1]))
			for _, inc := range included {
				dirs = ldConfDirs(dirs, inc)
			}
			continue
		}
		if line != "" && !strings.HasPrefix(line, "#") {
			dirs = append(dirs, line)
		}
	}
	return dirs
}

// pluginPatterns are go-xla's file names for PJRT plugins on Linux.
var pluginPatterns = []string{"pjrt-plugin-*.so", "pjrt_plugin_*.so", "pjrt_c_api_*_plugin.so"}

var pluginNames = []*regexp.Regexp{
	regexp.MustCompile(`^pjrt_c_api_(.+)_plugin\.so$`),
	regexp.MustCompile(`^pjrt[-_]plugin[-_](.+)\.so$`),
}

// PluginName maps ".../pjrt_c_api_cuda_plugin.so" to "cuda" and
// "pjrt-plugin-cpu.so" or "pjrt_plugin_cpu.so" to "cpu"; other files to "".
func PluginName(path string) string {
	for _, re := range pluginNames {
		if m := re.FindStringSubmatch(filepath.Base(path)); m != nil {
			return m[1]
		}
	}
	return ""
}

// Plugins returns the PJRT plugins on this machine, name → path, as go-xla
// finds them: the first directory of SearchDirs holding a name wins, and a
// CUDA plugin counts only on a machine with an NVIDIA GPU. A plugin
// named by absolute path in $GOMLX_BACKEND ("xla:/path/plugin.so,opts") is
// included too.
//
// It looks at file names only — loading a plugin needs cgo, which the
// kernel does not link; a plugin found here can still fail to load, and
// package ml says so when it does.
func Plugins() map[string]string {
	found := map[string]string{}
	add := func(path string) {
		name := PluginName(path)
		if _, dup := found[name]; name == "" || dup || !isFile(path) {
			return
		}
		if isCUDA(name) && !hasGPU() {
			return
		}
		found[name] = path
	}
	if cfg, ok := strings.CutPrefix(os.Getenv(Env), "xla:"); ok {
		if p, _, _ := strings.Cut(cfg, ","); filepath.IsAbs(p) {
			add(p)
		}
	}
	for _, dir := range SearchDirs() {
		for _, pattern := range pluginPatterns {
			matches, _ := filepath.Glob(filepath.Join(dir, pattern))
			for _, m := range matches {
				add(m)
			}
		}
	}
	return found
}

// isCUDA is go-xla's test for a GPU plugin's name.
func isCUDA(name string) bool {
	u := strings.ToUpper(name)
	return strings.Contains(u, "CUDA") || strings.Contains(u, "NVIDIA")
}

// hasGPU is HasNVIDIAGPU, replaced in tests.
var hasGPU = HasNVIDIAGPU

// HasNVIDIAGPU reports whether an NVIDIA device file exists (/dev/nvidia*),
// go-xla's first test before it considers a CUDA plugin.
func HasNVIDIAGPU() bool {
	m, _ := filepath.Glob("/dev/nvidia*")
	return len(m) > 0
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
