//go:build !linux

package ml

import "errors"

// exchange: no atomic exchange of directories here; publishRun falls back
// to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
