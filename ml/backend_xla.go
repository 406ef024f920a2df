//go:build !noxla

package ml

import (
	"github.com/gomlx/go-xla/compute/xla" // registers the XLA backend "xla"
	"github.com/gomlx/go-xla/pjrt"
)

// Linking XLA: never let go-xla download plugins (it panics or hangs offline);
// BackendInfo tells the user how to install one instead.
func init() {
	xla.EnableAutoInstall(false)
	xlaSupport.linked = true
	xlaSupport.plugins = pjrt.AvailablePlugins
}
