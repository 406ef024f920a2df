package kernel

import "github.com/glassbox-ml/glassbox/internal/backend"

// PJRTPluginEnv is the variable go-xla reads for the directories (a
// ":"-separated list) in which to look for PJRT plugins.
const PJRTPluginEnv = backend.PluginPathEnv

// BackendEnv is the variable GoMLX reads for its backend configuration,
// e.g. "go", "xla:cpu", "xla:cuda" or "xla:/abs/path/pjrt_c_api_cpu_plugin.so".
const BackendEnv = backend.Env

// BackendChoice is what the kernel decides for the cells it runs.
type BackendChoice struct {
	// BuildTags are the go build tags for cells: "noxla" unless the backend
	// is XLA, so cells neither link XLA (3× slower builds) nor try to
	// download it.
	BuildTags []string
	// Plugins are the PJRT plugins found (name → path), where go-xla looks.
	Plugins map[string]string
	// Reason is one line for people: which backend runs, why, and how to get XLA.
	Reason string
}

// ChooseBackend decides the compute backend for notebook cells with the rule
// package ml follows too: $GOMLX_BACKEND when set, else XLA when a PJRT
// plugin is installed, else the pure-Go backend. It looks at plugin file
// names only: loading one needs cgo, which the kernel does not link.
func ChooseBackend() BackendChoice {
	c := backend.Choose("", true, backend.Plugins())
	choice := BackendChoice{Plugins: c.Plugins, Reason: "backend " + c.Config + " (" + c.Reason + ")"}
	if !c.XLA() {
		choice.BuildTags = []string{"noxla"}
	}
	return choice
}
