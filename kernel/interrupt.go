package kernel

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// InterruptContext returns a context that is cancelled when the process is
// asked to stop: by the notebook's "interrupt the kernel" — GoNB answers it
// by sending the running cell's process SIGINT, and kills the process if
// it is still running five seconds later — by Ctrl-C in a terminal, or by
// SIGTERM. Work that takes a context (explain.ExplainContext,
// explain.Stream) then stops at its next row and returns an error wrapping
// context.Canceled, so the cell can say how far it got and leave no
// half-written file behind.
//
// Until stop is called the signals no longer end the process by
// themselves; call stop (defer it) when the work is over.
func InterruptContext() (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
