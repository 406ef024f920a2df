package kernel

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// loaded returns a state that has already looked for the library.
func loaded(lib, dir string) *interactiveState {
	s := &interactiveState{dir: dir}
	if lib != "" {
		s.lib = []byte(lib)
	}
	s.once.Do(func() {})
	return s
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="280" viewBox="0 0 400 280"><text>chart</text></svg>`

func TestInteractiveInlinesTheLibraryOncePerSession(t *testing.T) {
	dir := t.TempDir()
	s := loaded("/*echarts*/", dir)
	first := s.html(svg, `{"series":[]}`)
	second := s.html(svg, `{"series":[]}`)
	if !strings.HasPrefix(first, "<script>(function(define,module,exports){\n/*echarts*/\n})();</script>") {
		t.Fatalf("the first chart does not inline the library: %.80s", first)
	}
	if strings.Contains(second, "/*echarts*/") {
		t.Fatal("the second chart inlines the library again")
	}
	for _, h := range []string{first, second} {
		if !strings.Contains(h, svg) || !strings.Contains(h, `<script type="application/json">{"series":[]}</script>`) {
			t.Errorf("a chart without its SVG or option: %.200s", h)
		}
	}
	// A new process of the same session (the next cell) sees the marker.
	if h := loaded("/*echarts*/", dir).html(svg, "{}"); strings.Contains(h, "/*echarts*/") {
		t.Error("the next cell inlines the library again")
	}
	// A new session (kernel restart: a new GoNB directory) inlines it again.
	if h := loaded("/*echarts*/", t.TempDir()).html(svg, "{}"); !strings.Contains(h, "/*echarts*/") {
		t.Error("a new session does not inline the library")
	}
	// ResetECharts-like removal of the marker inlines it again.
	if err := os.Remove(filepath.Join(dir, eChartsMarker)); err != nil {
		t.Fatal(err)
	}
	if h := s.html(svg, "{}"); !strings.Contains(h, "/*echarts*/") {
		t.Error("no library after the marker was removed")
	}
}

func TestInteractiveWithoutLibraryOrSession(t *testing.T) {
	if h := loaded("", t.TempDir()).html(svg, "{}"); h != "<div>"+svg+"</div>" || strings.Contains(h, "<script") {
		t.Errorf("without ECharts: %q, want the SVG alone", h)
	}
	s := loaded("/*echarts*/", "") // no GoNB directory: inline every time
	for range 2 {
		if h := s.html(svg, "{}"); !strings.Contains(h, "/*echarts*/") {
			t.Error("without a session directory a chart lacks the library")
		}
	}
}

// TestInteractiveClaimIsAtomic: of many processes (here goroutines) of a
// session drawing at once, exactly one inlines the library.
func TestInteractiveClaimIsAtomic(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	n := 0
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if strings.Contains(loaded("/*echarts*/", dir).html(svg, "{}"), "/*echarts*/") {
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if n != 1 {
		t.Fatalf("%d charts inlined the library, want 1", n)
	}
}

func TestShowSendsOnlyTheTextOutsideANotebook(t *testing.T) {
	var buf strings.Builder
	old := stdout
	stdout = &buf
	defer func() { stdout = old }()
	Show(Output{SVG: svg, ECharts: "{}", Text: "a chart"})
	if buf.String() != "a chart\n" {
		t.Fatalf("printed %q", buf.String())
	}
}
