package board

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/glassbox-ml/glassbox/ml"
)

// Run statuses.
const (
	StatusFinished    = "finished"    // config.json written: the run is complete
	StatusTraining    = "training"    // a writer streams into .NAME.new-*
	StatusInterrupted = "interrupted" // a .NAME.new-* left by a writer that is gone
	StatusIncomplete  = "incomplete"  // run files without config.json
	StatusUnreadable  = "unreadable"  // a config.json that does not decode
)

// Run is one run directory found under the log directory.
type Run struct {
	// Name is the run's path relative to the log directory, with slashes
	// ("exp1/a"); a run being written is named after the directory it will
	// replace. It is unique among the runs of a scan.
	Name string `json:"name"`
	// Dir is the directory actually read, relative to the log directory
	// ("exp1/.a.new-1234" while training).
	Dir      string    `json:"dir"`
	Status   string    `json:"status"`
	Errors   []string  `json:"errors,omitempty"`
	Modified time.Time `json:"modified"`
	// Files are the user's files in the run directory (explanations,
	// reports), not the run's own files.
	Files []string `json:"files,omitempty"`

	Config    *ml.RunConfig     `json:"-"`
	rawConfig map[string]any    // config.json as generic JSON, for the hparams
	Metrics   map[string]fmetas `json:"-"`
	Scalars   []Scalar          `json:"-"`
	lock      string            // the writer's lock file, for a run being written
}

type fmetas = map[string]*float64

// Scalar is a line of scalars.jsonl as the board reads it: metric values
// may be null (undefined), and Loss is nil on a line without it.
type Scalar struct {
	Kind     string              `json:"kind"`
	Step     int                 `json:"step"`
	Epoch    int                 `json:"epoch"`
	WallTime float64             `json:"wall_time"`
	Loss     *float64            `json:"loss"`
	Metrics  map[string]*float64 `json:"metrics"`
}

// runFiles are the files of a run directory that ml writes itself.
var runFiles = []string{ml.ConfigFile, ml.PreprocessingFile, ml.ScalarsFile, ml.HistogramsFile, ml.CheckpointFile, ml.MetricsFile}

var newDirRE = regexp.MustCompile(`^\.(.+)\.new-[^/]*$`)

// Scan limits: the board walks the log directory on every request.
const (
	maxDepth = 8
	maxDirs  = 20000
)

// scan finds the runs under the log directory, sorted by name, and reads
// their config, metrics and scalars (cached by size and modification time).
func (b *Board) scan() ([]*Run, error) {
	fsys := b.root.FS()
	var found []*Run
	dirs := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable folder is skipped, not fatal
		}
		if !d.IsDir() {
			return nil
		}
		if dirs++; dirs > maxDirs {
			return fs.SkipAll
		}
		base := path.Base(p)
		if p != "." && strings.HasPrefix(base, ".") {
			if m := newDirRE.FindStringSubmatch(base); m != nil {
				found = append(found, &Run{Name: path.Join(path.Dir(p), m[1]), Dir: p, Status: StatusTraining,
					lock: path.Join(path.Dir(p), "."+m[1]+".lock")})
			}
			return fs.SkipDir
		}
		if p != "." && strings.Count(p, "/") >= maxDepth {
			return fs.SkipDir
		}
		if exists(fsys, path.Join(p, ml.ConfigFile)) {
			found = append(found, &Run{Name: p, Dir: p, Status: StatusFinished})
		} else if exists(fsys, path.Join(p, ml.ScalarsFile)) || exists(fsys, path.Join(p, ml.CheckpointFile)) {
			found = append(found, &Run{Name: p, Dir: p, Status: StatusIncomplete})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A run being rewritten appears twice: the finished one is "(previous)".
	training := map[string]bool{}
	for _, r := range found {
		if r.Status == StatusTraining {
			if training[r.Name] { // two writers' leftovers: keep names unique
				r.Name += " (" + path.Base(r.Dir) + ")"
			}
			training[r.Name] = true
		}
	}
	for _, r := range found {
		if r.Status != StatusTraining && training[r.Name] {
			r.Name += " (previous)"
		}
	}
	for _, r := range found {
		b.load(r)
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Name < found[j].Name })
	return found, nil
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// load reads a run's files; every problem becomes one of its Errors.
func (b *Board) load(r *Run) {
	fsys := b.root.FS()
	if r.Status == StatusTraining {
		if pid, err := fs.ReadFile(fsys, r.lock); err == nil && len(bytes.TrimSpace(pid)) == 0 {
			r.Status = StatusInterrupted // the lock is released: no writer is left
		}
	}
	if info, err := fs.Stat(fsys, r.Dir); err == nil {
		r.Modified = info.ModTime()
	}
	entries, err := fs.ReadDir(fsys, r.Dir)
	if err != nil {
		r.Errors = append(r.Errors, err.Error())
		return
	}
	has := map[string]bool{}
	for _, e := range entries {
		has[e.Name()] = true
		if e.Type().IsRegular() && !slices.Contains(runFiles, e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			switch strings.ToLower(path.Ext(e.Name())) {
			case ".json", ".html", ".htm", ".csv":
				r.Files = append(r.Files, e.Name())
			}
		}
		if info, err := e.Info(); err == nil && info.ModTime().After(r.Modified) {
			r.Modified = info.ModTime()
		}
	}
	if has[ml.ConfigFile] {
		v, err := b.cached(path.Join(r.Dir, ml.ConfigFile), parseConfig)
		if err != nil {
			r.Errors = append(r.Errors, err.Error())
			if r.Status == StatusFinished {
				r.Status = StatusUnreadable
			}
		} else {
			c := v.(parsedConfig)
			r.Config, r.rawConfig = c.cfg, c.raw
		}
	} else if r.Status == StatusIncomplete {
		r.Errors = append(r.Errors, "no "+ml.ConfigFile+": the run did not finish")
	}
	if has[ml.MetricsFile] {
		v, err := b.cached(path.Join(r.Dir, ml.MetricsFile), parseMetrics)
		if err != nil {
			r.Errors = append(r.Errors, err.Error())
		} else {
			r.Metrics = v.(map[string]fmetas)
		}
	}
	if has[ml.ScalarsFile] {
		parse := parseScalarsFinished
		if r.Status == StatusTraining {
			parse = parseScalarsGrowing
		}
		v, err := b.cached(path.Join(r.Dir, ml.ScalarsFile)+"#"+r.Status, parse)
		if v != nil {
			r.Scalars = v.([]Scalar)
		}
		if err != nil {
			r.Errors = append(r.Errors, err.Error())
		}
	}
}

type parsedConfig struct {
	cfg *ml.RunConfig
	raw map[string]any
}

func parseConfig(name string, data []byte) (any, error) {
	var cfg ml.RunConfig
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if cfg.Format != 1 {
		return nil, fmt.Errorf("%s: format %d, this board reads format 1", name, cfg.Format)
	}
	return parsedConfig{&cfg, raw}, nil
}

func parseMetrics(name string, data []byte) (any, error) {
	var m map[string]fmetas
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return m, nil
}

func parseScalarsFinished(name string, data []byte) (any, error) {
	return ml.DecodeJSONLines[Scalar](name, data, false)
}

// parseScalarsGrowing reads a scalars.jsonl being appended to: its last
// line may be half written.
func parseScalarsGrowing(name string, data []byte) (any, error) {
	return ml.DecodeJSONLines[Scalar](name, data, true)
}

func parseHistograms(name string, data []byte) (any, error) {
	return ml.DecodeJSONLines[ml.HistogramRecord](name, data, false)
}

// cache keeps what was parsed of a file until its size or time changes.
type cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	size  int64
	mtime time.Time
	val   any
	err   error
}

// cached parses the file rel (relative to the log directory; a "#suffix"
// names a different parse of the same file) through the cache.
func (b *Board) cached(key string, parse func(name string, data []byte) (any, error)) (any, error) {
	rel, _, _ := strings.Cut(key, "#")
	fsys := b.root.FS()
	info, err := fs.Stat(fsys, rel)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", rel)
	}
	b.cache.mu.Lock()
	e, ok := b.cache.entries[key]
	b.cache.mu.Unlock()
	if ok && e.size == info.Size() && e.mtime.Equal(info.ModTime()) {
		return e.val, e.err
	}
	data, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return nil, err
	}
	val, err := parse(path.Base(rel), data)
	b.cache.mu.Lock()
	if b.cache.entries == nil {
		b.cache.entries = map[string]cacheEntry{}
	}
	if len(b.cache.entries) > 4096 {
		clear(b.cache.entries)
	}
	b.cache.entries[key] = cacheEntry{size: int64(len(data)), mtime: info.ModTime(), val: val, err: err}
	b.cache.mu.Unlock()
	return val, err
}

// Series is one curve of a run: Points are [step, epoch, wall seconds, value].
type Series struct {
	Tag    string       `json:"tag"`
	Points [][4]float64 `json:"points"`
}

// stepTag names the per-step loss curve.
const stepTag = "loss (per step)"

// maxStepPoints bounds the per-step curve sent to a page.
const maxStepPoints = 2000

// series turns a run's scalars into curves: one per epoch metric (loss,
// val_loss, accuracy, …) and the per-step loss. Steps are placed on the
// epoch axis at their fraction of the epoch.
func series(scalars []Scalar) []Series {
	byTag := map[string]*Series{}
	var order []string
	add := func(tag string, p [4]float64) {
		if math.IsNaN(p[3]) || math.IsInf(p[3], 0) {
			return
		}
		s := byTag[tag]
		if s == nil {
			s = &Series{Tag: tag}
			byTag[tag] = s
			order = append(order, tag)
		}
		s.Points = append(s.Points, p)
	}
	stepsPerEpoch := 0.0
	for _, r := range scalars {
		if r.Kind == "epoch" && r.Epoch > 0 {
			stepsPerEpoch = float64(r.Step) / float64(r.Epoch)
			break
		}
	}
	for _, r := range scalars {
		switch r.Kind {
		case "epoch":
			x := [3]float64{float64(r.Step), float64(r.Epoch), r.WallTime}
			if r.Loss != nil && r.Metrics["loss"] == nil {
				add("loss", [4]float64{x[0], x[1], x[2], *r.Loss})
			}
			keys := make([]string, 0, len(r.Metrics))
			for k := range r.Metrics {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if v := r.Metrics[k]; v != nil {
					add(k, [4]float64{x[0], x[1], x[2], *v})
				}
			}
		case "step":
			if r.Loss == nil {
				continue
			}
			ep := float64(r.Epoch)
			if stepsPerEpoch > 0 {
				ep = float64(r.Step) / stepsPerEpoch
			}
			add(stepTag, [4]float64{float64(r.Step), ep, r.WallTime, *r.Loss})
		}
	}
	out := make([]Series, 0, len(order))
	for _, tag := range order {
		s := *byTag[tag]
		if tag == stepTag && len(s.Points) > maxStepPoints {
			s.Points = thin(s.Points, maxStepPoints)
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return tagRank(out[i].Tag) < tagRank(out[j].Tag) })
	return out
}

// tagRank orders the charts: loss, val_loss, per-step loss, then each
// metric followed by its validation twin.
func tagRank(tag string) string {
	switch tag {
	case "loss":
		return "0"
	case "val_loss":
		return "1"
	case stepTag:
		return "2"
	}
	if t, ok := strings.CutPrefix(tag, "val_"); ok {
		return "3" + t + "\x01"
	}
	return "3" + tag + "\x00"
}

// thin keeps n points spread evenly, always the first and the last.
func thin(p [][4]float64, n int) [][4]float64 {
	out := make([][4]float64, 0, n)
	for i := range n {
		out = append(out, p[i*(len(p)-1)/(n-1)])
	}
	return out
}

// epochs counts a run's epoch records.
func epochs(scalars []Scalar) int {
	n := 0
	for _, s := range scalars {
		if s.Kind == "epoch" {
			n++
		}
	}
	return n
}
