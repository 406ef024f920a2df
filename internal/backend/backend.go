// Package backend holds the one rule that decides which GoMLX compute
// backend runs GlassBox models, and the search for XLA's PJRT plugins it
// rests on. The kernel uses it to build notebook cells with or without XLA;
// package ml uses it to open the backend the cells then run on.
package backend

import (
	"os"
	"sort"
	"strings"
)

// Env is the variable GoMLX reads for its backend configuration, e.g. "go",
// "xla:cpu", "xla:cuda" or "xla:/abs/path/pjrt_c_api_cpu_plugin.so".
const Env = "GOMLX_BACKEND"

// Choice is a decided backend.
type Choice struct {
	// Config is the GoMLX backend configuration, e.g. "go" or "xla:cuda".
	Config string
	// Reason says where the choice came from, in one line for people.
	Reason string
	// Plugins are the PJRT plugins found (name → path).
	Plugins map[string]string
}

// XLA reports whether the choice runs on XLA (and so needs cells linked with it).
func (c Choice) XLA() bool {
	name, _, _ := strings.Cut(c.Config, ":")
	switch name {
	case "xla", "stablehlo", "hlo", "shlo":
		return true
	}
	return false
}

// Choose decides the backend. The first that applies wins:
//
//  1. option, when not empty (a caller's explicit choice);
//  2. $GOMLX_BACKEND, when set;
//  3. "go" when xlaLinked is false (the binary was built with -tags=noxla);
//  4. "xla:NAME" when plugins is not empty, NAME being cuda, else cpu, else
//     the first name in order;
//  5. "go", the pure-Go backend, with a reason that says how to get XLA.
func Choose(option string, xlaLinked bool, plugins map[string]string) Choice {
	c := Choice{Plugins: plugins}
	switch env := os.Getenv(Env); {
	case option != "":
		c.Config, c.Reason = option, "chosen by option"
	case env != "":
		c.Config, c.Reason = env, "set by $"+Env
	case !xlaLinked:
		c.Config, c.Reason = "go", "pure Go: this binary was built without XLA (noxla tag)"
	case len(plugins) > 0:
		names := Names(plugins)
		c.Config, c.Reason = "xla:"+preferred(plugins, names), "PJRT plugins found: "+strings.Join(names, ", ")
	default:
		c.Config, c.Reason = "go", "pure Go: no XLA PJRT plugin installed; to use XLA install one with "+
			"`glassbox xla install` (needs internet) or point $"+PluginPathEnv+" at its folder"
	}
	return c
}

// preferred picks cuda, then cpu, then the first of names.
func preferred(plugins map[string]string, names []string) string {
	for _, p := range []string{"cuda", "cpu"} {
		if _, ok := plugins[p]; ok {
			return p
		}
	}
	return names[0]
}

// Names returns the plugins' names in order.
func Names(plugins map[string]string) []string {
	names := make([]string, 0, len(plugins))
	for n := range plugins {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
