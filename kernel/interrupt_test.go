//go:build unix

package kernel

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// TestInterruptContext sends the process the SIGINT GoNB sends a cell: the
// context is cancelled, with context.Canceled, and the process lives on.
func TestInterruptContext(t *testing.T) {
	ctx, stop := InterruptContext()
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
	if err := context.Cause(ctx); !errors.Is(err, context.Canceled) || err.Error() != "interrupt signal received" {
		t.Errorf("cause %v", err)
	}
}
