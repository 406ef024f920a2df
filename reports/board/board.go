// Package board is GlassBox's board: a read-only web view of the run
// directories under a log directory, like TensorBoard, served offline by
// net/http — the curves of every run overlaid (smoothing, step, epoch or
// wall-time axis, log scale), weight histograms, the model's layers, a
// sortable table of hyper-parameters and final metrics, and the
// explanations saved beside a run. Runs being trained show their curves
// growing; runs that appear are listed without a restart.
//
//	b, err := board.New(board.Options{LogDir: "runs"})
//	…
//	http.ListenAndServe("127.0.0.1:6006", b)
//
// Pages are rendered on the server; the interactive charts use ECharts,
// which the board serves from a local file (echarts.min.js in
// Options.Assets, or found by FindAssets) and never from the network.
// Without it the pages show plain tables and say how to get it.
//
// The board only reads: it answers GET and HEAD, serves no file outside the
// log directory (nor through a symbolic link leading out of it), and
// escapes every name it shows. A run that cannot be read shows its error
// on its card; the others are unaffected.
package board

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/internal/echarts"
)

// EChartsFile is the name of the ECharts build the board serves.
const EChartsFile = echarts.File

// Options configures a Board.
type Options struct {
	// LogDir is the directory whose runs the board shows.
	LogDir string
	// Assets is the directory holding echarts.min.js; empty means
	// FindAssets().
	Assets string
	// Hosts, when set, are the only host names (without port) the board
	// answers to; others get 421. With a loopback address this keeps web
	// pages elsewhere from reading the board through DNS rebinding.
	Hosts []string
	// Poll is how often a page asks for new data (default 2 s).
	Poll time.Duration
}

// Board is the board's http.Handler.
type Board struct {
	opts    Options
	logDir  string
	root    *os.Root
	echarts []byte // nil when not found
	// EChartsPath is the file served as echarts.min.js, or "" when none was
	// found (the pages then show tables and how to fetch ECharts).
	EChartsPath string
	cache       cache
	pages       map[string]*pageTemplate
}

//go:embed static
var static embed.FS

// New opens the log directory and prepares the pages.
func New(opts Options) (*Board, error) {
	if opts.LogDir == "" {
		return nil, errors.New("board: no log directory")
	}
	abs, err := filepath.Abs(opts.LogDir)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("board: log directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("board: log directory %s is not a directory", opts.LogDir)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("board: log directory: %w", err)
	}
	if opts.Poll <= 0 {
		opts.Poll = 2 * time.Second
	}
	b := &Board{opts: opts, logDir: abs, root: root}
	if data, p, err := echarts.Load(opts.Assets); err == nil {
		b.echarts, b.EChartsPath = data, p
	}
	if b.pages, err = parsePages(); err != nil {
		root.Close()
		return nil, err
	}
	return b, nil
}

// Close releases the log directory.
func (b *Board) Close() error { return b.root.Close() }

// FindAssets returns the first directory holding echarts.min.js among
// third_party/echarts in $GLASSBOX_MODULE, beside the executable, above it
// (bin/../), and in the working directory and its parents (a checkout's
// root), or "": the lookup the HTML report and notebook charts share.
func FindAssets() string { return echarts.FindDir() }

// IsLoopback reports whether a listen address (host:port) is on the
// loopback interface only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LoopbackHosts are the host names a board on a loopback address answers to.
var LoopbackHosts = []string{"127.0.0.1", "localhost", "::1"}

// ServeHTTP answers GET and HEAD for the pages, the JSON endpoints, the
// static files and the files of the log directory.
func (b *Board) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "the board is read-only: GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	if len(b.opts.Hosts) > 0 && !b.hostAllowed(r.Host) {
		http.Error(w, "unexpected Host header", http.StatusMisdirectedRequest)
		return
	}
	// Refuse what a clean path never holds: dot segments (also encoded),
	// encoded slashes or backslashes, backslashes and NULs.
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(r.URL.Path, "\\") ||
		strings.Contains(r.URL.Path, "\x00") || hasDotSegment(r.URL.Path) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/" || p == "/scalars":
		b.page(w, r, "scalars")
	case p == "/histograms", p == "/graph", p == "/hparams", p == "/explanations":
		b.page(w, r, p[1:])
	case p == "/api/runs":
		b.apiRuns(w, r)
	case p == "/api/scalars":
		b.apiScalars(w, r)
	case p == "/api/histograms":
		b.apiHistograms(w, r)
	case p == "/api/hparams":
		b.apiHParams(w, r)
	case p == "/static/"+EChartsFile:
		if b.echarts == nil {
			http.Error(w, "ECharts is not installed: run `make echarts` in the GlassBox checkout, or pass --assets DIR", http.StatusNotFound)
			return
		}
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "max-age=3600")
		http.ServeContent(w, r, EChartsFile, time.Time{}, bytes.NewReader(b.echarts))
	case strings.HasPrefix(p, "/static/"):
		data, err := static.ReadFile("static/" + strings.TrimPrefix(p, "/static/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Type", mime.TypeByExtension(path.Ext(p)))
		http.ServeContent(w, r, path.Base(p), time.Time{}, bytes.NewReader(data))
	case strings.HasPrefix(p, "/files/"):
		b.file(w, r, strings.TrimPrefix(p, "/files/"))
	default:
		http.NotFound(w, r)
	}
}

func (b *Board) hostAllowed(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.Trim(host, "[]")
	for _, h := range b.opts.Hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

func hasDotSegment(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// file serves a file of the log directory: rel must be a clean relative
// path without hidden parts, and os.Root refuses anything (a symbolic link
// included) that leads out of the log directory.
func (b *Board) file(w http.ResponseWriter, r *http.Request, rel string) {
	if !fs.ValidPath(rel) || rel == "." {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			http.NotFound(w, r)
			return
		}
	}
	f, err := b.root.Open(filepath.FromSlash(rel))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
		// A report runs in a sandbox of its own origin, with nothing to
		// fetch: it cannot read the board nor reach the network.
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", "sandbox allow-scripts allow-popups; default-src 'none'; "+
			"script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:")
	case ".json":
		h.Set("Content-Type", "application/json")
	case ".csv", ".txt", ".jsonl":
		h.Set("Content-Type", "text/plain; charset=utf-8")
	default:
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", "attachment")
	}
	http.ServeContent(w, r, "", info.ModTime(), f)
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// runView is what the pages and the API show of a run.
type runView struct {
	Name     string   `json:"name"`
	Dir      string   `json:"dir"`
	Status   string   `json:"status"`
	Errors   []string `json:"errors"`
	Epochs   int      `json:"epochs"`
	Modified string   `json:"modified"`
	Files    []string `json:"files"`
}

func view(r *Run) runView {
	v := runView{Name: r.Name, Dir: r.Dir, Status: r.Status, Errors: r.Errors, Epochs: epochs(r.Scalars), Files: r.Files}
	if v.Errors == nil {
		v.Errors = []string{}
	}
	if v.Files == nil {
		v.Files = []string{}
	}
	if !r.Modified.IsZero() {
		v.Modified = r.Modified.Local().Format("2006-01-02 15:04:05")
	}
	if r.Config != nil && r.Config.Fit.Epochs > 0 && r.Status == StatusTraining {
		v.Status = fmt.Sprintf("%s (epoch %d of %d)", r.Status, v.Epochs, r.Config.Fit.Epochs)
	}
	return v
}

func (b *Board) apiRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := b.scan()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	out := make([]runView, len(runs))
	for i, run := range runs {
		out[i] = view(run)
	}
	writeJSON(w, map[string]any{"runs": out})
}

// scalarsPayload is /api/scalars: every run with its curves.
type scalarsPayload struct {
	Runs []scalarRun `json:"runs"`
}

type scalarRun struct {
	runView
	Series []Series `json:"series"`
}

func (b *Board) scalarsPayload() (scalarsPayload, error) {
	runs, err := b.scan()
	if err != nil {
		return scalarsPayload{}, err
	}
	p := scalarsPayload{Runs: make([]scalarRun, len(runs))}
	for i, r := range runs {
		p.Runs[i] = scalarRun{runView: view(r), Series: series(r.Scalars)}
	}
	return p, nil
}

func (b *Board) apiScalars(w http.ResponseWriter, r *http.Request) {
	p, err := b.scalarsPayload()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, p)
}
