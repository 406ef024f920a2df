package kernel

import (
	"errors"
	"os"
	"path/filepath"
	"sync"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/glassbox-ml/glassbox/internal/echarts"
)

// Interactive charts in a notebook. A chart with an ECharts option is
// shown as text/html: the static SVG with the option and a small script
// that draws it with ECharts and hides the SVG (echarts.Fragment). The
// ECharts library (about 1 MB) is inlined once per kernel session, in the
// first interactive chart; later charts use the window.echarts it defines.
//
// GoNB runs every cell as a new process, so "once" is kept on disk: a
// marker file in GoNB's temporary directory of the session ($GONB_TMP_DIR,
// made anew for every kernel start), created atomically by the first chart
// that inlines the library. After a kernel restart the next chart inlines
// it again. If the output holding the library is cleared or its cell run
// again, the page keeps ECharts until it is reloaded; a reopened notebook
// then shows the later charts as their SVGs (call ResetECharts to inline it
// again in the next chart).
//
// Without echarts.min.js (see echarts.FindDir) charts are shown as SVG
// only. Untrusted notebooks, GitHub's viewer and nbconvert without
// JavaScript show the SVG too: it is in the HTML and in image/svg+xml.

// eChartsMarker is the marker file's name in $GONB_TMP_DIR.
const eChartsMarker = "glassbox-echarts-inlined"

// interactiveState finds the library once per process.
type interactiveState struct {
	once sync.Once
	lib  []byte
	// dir is where the marker goes; "" inlines the library every time.
	dir string
}

var interactive = &interactiveState{}

func (s *interactiveState) load() {
	s.once.Do(func() {
		if lib, _, err := echarts.Load(""); err == nil {
			s.lib = lib
		}
		s.dir = os.Getenv(protocol.GONB_TMP_DIR_ENV)
	})
}

// claim reports whether this chart must inline the library: true the
// first time in the session (it creates the marker), or always when there
// is no session directory.
func (s *interactiveState) claim() bool {
	if s.dir == "" {
		return true
	}
	f, err := os.OpenFile(filepath.Join(s.dir, eChartsMarker), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		// Already claimed; or the directory is unusable, and inlining
		// again is the safe side.
		return !errors.Is(err, os.ErrExist)
	}
	f.Close()
	return true
}

// html returns the text/html form of an interactive chart: the static SVG
// alone when ECharts is not installed.
func (s *interactiveState) html(svg, option string) string {
	s.load()
	if s.lib == nil {
		return "<div>" + svg + "</div>"
	}
	h := echarts.Fragment(svg, []byte(option), true)
	if s.claim() {
		h = echarts.LibraryScript(s.lib) + h
	}
	return h
}

// interactive returns o with its HTML form the interactive chart when it
// has an SVG and an ECharts option and no HTML of its own.
func (o Output) interactive() Output {
	if o.HTML == "" && o.SVG != "" && o.ECharts != "" {
		o.HTML = interactive.html(o.SVG, o.ECharts)
	}
	return o
}

// Interactive returns the HTML an interactive chart is shown with in a
// notebook (Show uses it for an Output with SVG and ECharts and no HTML):
// the chart's fragment, preceded by the ECharts library when it is the
// first of the kernel session; the SVG alone without ECharts.
func Interactive(svg, option string) string { return interactive.html(svg, option) }

// ResetECharts makes the next interactive chart of the session inline the
// ECharts library again (after clearing the output that held it).
func ResetECharts() error {
	interactive.load()
	if interactive.dir == "" {
		return nil
	}
	err := os.Remove(filepath.Join(interactive.dir, eChartsMarker))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
