package ml

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// runFiles are the files a run directory holds; anything else in it belongs
// to the user and survives retraining.
var runFiles = []string{ConfigFile, PreprocessingFile, ScalarsFile, HistogramsFile, CheckpointFile, MetricsFile}

// runLock is the one-writer lock of a run directory DIR: an exclusive lock on
// the file .BASE.lock beside it (never inside it, since DIR is replaced as a
// whole), holding the writer's process id for the message others get.
type runLock struct {
	f *os.File
}

// lockRunDir takes dir's writer lock or fails at once, naming the process
// that holds it. It also clears what a writer that crashed left behind.
func lockRunDir(dir string) (*runLock, error) {
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("ml: run directory %s: %w", dir, err)
	}
	path := filepath.Join(parent, "."+base+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("ml: run directory %s: %w", dir, err)
	}
	if err := tryLock(f); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		who := "another process"
		if pid := strings.TrimSpace(string(holder)); pid != "" {
			who = "process " + pid
		}
		return nil, fmt.Errorf("ml: run directory %s is being written by %s; wait for it to finish or choose another RunDir", dir, who)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	for _, pattern := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		stale, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, s := range stale {
			os.RemoveAll(s)
		}
	}
	return &runLock{f: f}, nil
}

// release lets the next writer in.
func (l *runLock) release() {
	if l != nil {
		l.f.Truncate(0)
		l.f.Close() // closing the file drops the lock
	}
}

type runFile struct {
	name string
	data []byte
}

// publishRun writes files into a new directory beside dir and then puts it
// in dir's place in one step, so that readers see the previous finished run
// or the new one, never a mix, and a failure before the swap leaves the
// previous run untouched. Files of the previous directory that are not run
// files (runFiles) move into the new one.
func publishRun(dir string, files []runFile) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return fmt.Errorf("ml: writing run %s: %w", dir, err)
	}
	fail := func(err error) error {
		os.RemoveAll(tmp)
		return fmt.Errorf("ml: writing run %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.name), f.data, 0o644); err != nil {
			return fail(err)
		}
	}
	old, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(tmp, dir); err != nil {
			return fail(err)
		}
		return nil
	case err != nil:
		return fail(err)
	case !old.IsDir():
		return fail(fmt.Errorf("%s exists and is not a directory", dir))
	}
	if err := exchange(tmp, dir); err != nil {
		// Without an atomic exchange, two renames: a reader may find no
		// directory for a moment, but never a mix of two runs.
		aside := strings.Replace(tmp, ".new-", ".old-", 1)
		if err := os.Rename(dir, aside); err != nil {
			return fail(err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(aside, dir)
			return fail(err)
		}
		tmp = aside
	}
	// tmp now holds the previous run: keep the user's files, drop the rest.
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if !slices.Contains(runFiles, e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			os.Rename(filepath.Join(tmp, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
	return os.RemoveAll(tmp)
}
