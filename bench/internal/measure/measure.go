// Package measure holds what the benchmark programs share: the process's
// CPU time and the writing of their result files.
package measure

import (
	"encoding/json"
	"os"
	"syscall"
	"time"
)

// CPUTime is the CPU time (user + system) the process has used so far; 0
// if the system does not say. On a shared machine it varies less with the
// load than the wall clock does.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// WriteJSON writes v to path as indented JSON through a temporary file and
// a rename, so that a reader never sees half a file.
func WriteJSON(path string, v any) error {
	raw, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
