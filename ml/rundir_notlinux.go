//go:build !linux

package ml

import "errors"

// exchange: no atomic exchange of directories here; swapIn falls back
// to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
