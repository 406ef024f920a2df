package echarts

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestMarshalOptionEscapesWhatEndsAScript(t *testing.T) {
	name := "</script><script>alert(2)</script>&\u2028\u2029"
	data, err := MarshalOption(map[string]any{"name": name})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if strings.Contains(string(data), bad) {
			t.Errorf("%q left raw in %s", bad, data)
		}
	}
	if _, err := MarshalOption(map[string]any{"f": func() {}}); err == nil {
		t.Error("no error for an option that is not JSON")
	}
	// In a page, the data block holds the whole option as one text node.
	page := "<!doctype html><body>" + Fragment(`<svg width="10" height="20"></svg>`, data, true)
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			scripts = append(scripts, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 2 || scripts[0].FirstChild.Data != string(data) || scripts[1].FirstChild.Data != InitScript {
		t.Fatalf("%d scripts in the fragment, want the data block and the init script", len(scripts))
	}
}

func TestFragmentSizeAndStyle(t *testing.T) {
	f := Fragment(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="380.4" viewBox="0 0 640 380"></svg>`, []byte("{}"), false)
	if !strings.Contains(f, `data-width="640" data-height="380"`) || !strings.Contains(f, "width:640px;height:380px") {
		t.Errorf("size not taken from the SVG: %s", f)
	}
	if strings.Contains(f, "<style>") || !strings.Contains(Fragment("<svg></svg>", []byte("{}"), true), "<style>"+Style+"</style>") {
		t.Error("the style element is not where asked")
	}
	if w, h := Size("<div></div>"); w != 640 || h != 400 {
		t.Errorf("default size %d × %d", w, h)
	}
}

func TestHash(t *testing.T) {
	sum := sha256.Sum256([]byte(InitScript))
	if got, want := Hash(InitScript), "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
}

func TestLoadAndFindDir(t *testing.T) {
	mod := t.TempDir()
	dir := filepath.Join(mod, "third_party", "echarts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, File), []byte("var echarts = {};"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(ModuleEnv, mod)
	if got := FindDir(); got != dir {
		t.Errorf("FindDir = %q, want %q", got, dir)
	}
	lib, p, err := Load("")
	if err != nil || string(lib) != "var echarts = {};" || p != filepath.Join(dir, File) {
		t.Errorf("Load = %q, %q, %v", lib, p, err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, File), []byte("x='</SCRIPT>'"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "cannot be inlined") {
		t.Errorf("a library with </script: %v", err)
	}
	if _, _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), File) {
		t.Errorf("an empty directory: %v", err)
	}
}
