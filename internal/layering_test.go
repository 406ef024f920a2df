// Package internal_test checks the layering the developers' guide sets: the
// kernel is a generic leaf, explain never imports ml, ml displays nothing.
package internal_test

import (
	"os/exec"
	"strings"
	"testing"
)

func TestPackageLayering(t *testing.T) {
	const mod = "github.com/glassbox-ml/glassbox/"
	forbidden := map[string][]string{
		"kernel":  {"ml", "explain", "reports", "internal/metrics"},
		"explain": {"ml", "reports", "kernel"},
		"ml":      {"explain", "reports", "kernel"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "../"+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		for _, b := range bad {
			for _, d := range deps {
				if d == mod+b || strings.HasPrefix(d, mod+b+"/") {
					t.Errorf("package %s imports %s", pkg, d)
				}
			}
		}
	}
}
