//go:build noxla

package ml

// Built with the noxla tag: only the pure-Go backend is linked, and
// xlaSupport stays zero so BackendInfo reports it.
