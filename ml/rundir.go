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

// runFiles are the files a run directory holds, with its TensorBoard
// events (isEventsName); anything else in it belongs to the user and
// survives retraining.
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

// stagedRun is a run directory being written: a hidden sibling
// .NAME.new-XXXX that takes NAME's place, in one step, once complete.
// While training, its scalars.jsonl grows (flushed every epoch), so a
// board can show the curves of a run in progress.
type stagedRun struct {
	dir, tmp  string
	scalars   *os.File
	published bool
}

// stageRun creates the staging directory of dir and its scalars.jsonl.
func stageRun(dir string) (*stagedRun, error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return nil, fmt.Errorf("ml: run directory %s: %w", dir, err)
	}
	s := &stagedRun{dir: dir, tmp: tmp}
	if err := os.Chmod(tmp, 0o755); err != nil {
		s.abort()
		return nil, fmt.Errorf("ml: run directory %s: %w", dir, err)
	}
	if s.scalars, err = os.Create(filepath.Join(tmp, ScalarsFile)); err != nil {
		s.abort()
		return nil, fmt.Errorf("ml: run directory %s: %w", dir, err)
	}
	return s, nil
}

// appendScalars adds lines to the growing scalars.jsonl.
func (s *stagedRun) appendScalars(lines []byte) error {
	if _, err := s.scalars.Write(lines); err != nil {
		return fmt.Errorf("ml: writing run %s: %w", s.dir, err)
	}
	return nil
}

// abort removes the staging directory unless it was published.
func (s *stagedRun) abort() {
	if s == nil || s.published {
		return
	}
	if s.scalars != nil {
		s.scalars.Close()
	}
	os.RemoveAll(s.tmp)
}

// publish writes files into the staging directory and puts it in the
// place of dir (see swapIn).
func (s *stagedRun) publish(files []runFile) error {
	fail := func(err error) error {
		s.abort()
		return fmt.Errorf("ml: writing run %s: %w", s.dir, err)
	}
	if err := s.scalars.Close(); err != nil {
		return fail(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(s.tmp, f.name), f.data, 0o644); err != nil {
			return fail(err)
		}
	}
	if err := swapIn(s.tmp, s.dir); err != nil {
		return fail(err)
	}
	s.published = true
	return nil
}

// swapIn puts the complete directory tmp in the place of dir so that
// readers see the previous finished run or the new one, never a mix, and a
// failure before the swap leaves the previous run untouched. Files of the
// previous directory that are not run files (runFiles) move into the new
// one.
func swapIn(tmp, dir string) error {
	old, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(tmp, dir)
	case err != nil:
		return err
	case !old.IsDir():
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	if err := exchange(tmp, dir); err != nil {
		// Without an atomic exchange, two renames: a reader may find no
		// directory for a moment, but never a mix of two runs.
		aside := strings.Replace(tmp, ".new-", ".old-", 1)
		if err := os.Rename(dir, aside); err != nil {
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(aside, dir)
			return err
		}
		tmp = aside
	}
	// tmp now holds the previous run: keep the user's files, drop the rest.
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if !slices.Contains(runFiles, e.Name()) && !isEventsName(e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			os.Rename(filepath.Join(tmp, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
	os.RemoveAll(tmp) // the new run is in place; a leftover is cleared by the next writer's lock
	return nil
}
