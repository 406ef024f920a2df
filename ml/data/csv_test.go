package data

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadCSVDetectsDelimiters(t *testing.T) {
	for _, d := range []string{",", ";", "\t", "|"} {
		text := strings.Join([]string{
			"name" + d + "score" + d + "note",
			`"Smith, J."` + d + "1.5" + d + `"a;b|c"`,
			"Lee" + d + "2" + d + "x",
		}, "\n") + "\n"
		f, err := ReadCSV(strings.NewReader(text))
		if err != nil {
			t.Fatalf("delimiter %q: %v", d, err)
		}
		if got := f.Names(); !slices.Equal(got, []string{"name", "score", "note"}) {
			t.Fatalf("delimiter %q: names %q", d, got)
		}
		names, _ := f.Strings("name")
		if names[0] != "Smith, J." {
			t.Fatalf("delimiter %q: quoted cell %q", d, names[0])
		}
		if k, _ := f.Kind("score"); k != Numeric {
			t.Fatalf("delimiter %q: score is %v", d, k)
		}
	}
}

func TestReadCSVBOMAndChineseHeaders(t *testing.T) {
	text := "\uFEFF年龄,收入,城市\n30,5000.5,北京\n41,,上海\n"
	f, err := ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Names(); !slices.Equal(got, []string{"年龄", "收入", "城市"}) {
		t.Fatalf("names %q", got)
	}
	if got := f.Kinds(); !slices.Equal(got, []Kind{Numeric, Numeric, Categorical}) {
		t.Fatalf("kinds %v", got)
	}
	if n, _ := f.MissingCount("收入"); n != 1 {
		t.Fatalf("missing 收入 = %d", n)
	}
	p, err := Fit(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.FeatureNames(); !slices.Equal(got, []string{"年龄", "收入", "城市=上海", "城市=北京"}) {
		t.Fatalf("feature names %q", got)
	}
}

func TestInferKinds(t *testing.T) {
	text := "n,b,zeroone,c,allmissing,mixed\n1,yes,0,a,NA,1\n2.5,No,1,b,,x\n-3e2,TRUE,1,c,?,2\n NaN ,null,,a,null,\n"
	f, err := ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []Kind{Numeric, Boolean, Numeric, Categorical, Numeric, Categorical}
	if got := f.Kinds(); !slices.Equal(got, want) {
		t.Fatalf("kinds %v, want %v", got, want)
	}
	b, _ := f.Floats("b")
	if b[0] != 1 || b[1] != 0 || b[2] != 1 || b[3] == b[3] {
		t.Fatalf("boolean values %v", b)
	}
	n, _ := f.Floats("n")
	if n[2] != -300 || n[3] == n[3] {
		t.Fatalf("numeric values %v", n)
	}
	g, err := Loader{Schema: Schema{"zeroone": Boolean, "mixed": Categorical}}.ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := g.Kind("zeroone"); k != Boolean {
		t.Fatalf("declared boolean is %v", k)
	}
}

// TestBadCSVNamesTheProblem checks that every malformed input is an error
// (never a panic) whose message locates the problem.
func TestBadCSVNamesTheProblem(t *testing.T) {
	cases := []struct {
		name, text string
		schema     Schema
		want       []string
	}{
		{"empty", "", nil, []string{"empty"}},
		{"blank", " \n\n", nil, []string{"empty"}},
		{"header only", "a,b\n", nil, []string{"no data rows"}},
		{"ragged short", "a,b,c\n1,2,3\n4,5\n", nil, []string{"line 3", "row 2", "2 fields", "header has 3"}},
		{"ragged long", "a,b\n1,2\n3,4\n5,6,7\n", nil, []string{"line 4", "row 3", "3 fields"}},
		{"text in declared numeric", "age,x\n31,a\nforty,b\n", Schema{"age": Numeric}, []string{`column "age"`, "row 2", `"forty"`}},
		{"infinity", "x,y\n1,2\n+Inf,3\n", nil, []string{`column "x"`, "row 2", "finite"}},
		{"bad boolean", "ok\nyes\nmaybe\n", Schema{"ok": Boolean}, []string{`column "ok"`, "row 2", `"maybe"`}},
		{"duplicate header", "a,b,a\n1,2,3\n", nil, []string{`"a"`, "twice", "columns 1 and 3"}},
		{"empty header", "a,,c\n1,2,3\n", nil, []string{"column 2", "empty name"}},
		{"unknown schema column", "a\n1\n", Schema{"b": Numeric}, []string{`"b"`, "not in the header"}},
		{"bad quote", "a,b\n1,\"x\n", nil, []string{"line"}},
		{"invalid UTF-8", "a,b\n1,\xff\xfe\n", nil, []string{"line 2", "field 2", "UTF-8"}},
	}
	for _, c := range cases {
		f, err := Loader{Schema: c.schema}.ReadCSV(strings.NewReader(c.text))
		if err == nil {
			t.Errorf("%s: no error, frame %v", c.name, f.Names())
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", c.name, err, w)
			}
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	text := "名字,score,flag,note\n\"Smith, J.\",1.50,yes,\"say \"\"hi\"\"\"\n李,NA,no,\n"
	f, err := ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := f.WriteCSVFile(path); err != nil {
		t.Fatal(err)
	}
	g, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Names(), g.Names()) || !slices.Equal(f.Kinds(), g.Kinds()) || f.Len() != g.Len() {
		t.Fatalf("round trip changed the shape: %q %v vs %q %v", f.Names(), f.Kinds(), g.Names(), g.Kinds())
	}
	for _, name := range f.Names() {
		a, _ := f.Strings(name)
		b, _ := g.Strings(name)
		if !slices.Equal(a, b) {
			t.Fatalf("column %q: %q became %q", name, a, b)
		}
	}
	var again bytes.Buffer
	if err := g.WriteCSV(&again); err != nil {
		t.Fatal(err)
	}
	written, _ := os.ReadFile(path)
	if !bytes.Equal(written, again.Bytes()) {
		t.Fatalf("second write differs:\n%s\nvs\n%s", written, again.Bytes())
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestFrameSubsetSelectDrop(t *testing.T) {
	f := mustFrame(t, shopCSV)
	g, err := f.Subset([]int{3, 0, 3})
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := g.Strings("channel")
	if !slices.Equal(ch, []string{"phone", "web", "phone"}) {
		t.Fatalf("subset channel %q", ch)
	}
	if _, err := f.Subset([]int{4}); err == nil || !strings.Contains(err.Error(), "index 4") {
		t.Fatalf("out-of-range subset: %v", err)
	}
	h, kept, err := f.DropMissing()
	if err != nil || h.Len() != 2 || !slices.Equal(kept, []int{0, 1}) {
		t.Fatalf("DropMissing: %d rows kept %v, %v", h.Len(), kept, err)
	}
	if _, _, err := f.DropMissing("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("DropMissing unknown column: %v", err)
	}
	s, err := f.Select("spend", "age")
	if err != nil || !slices.Equal(s.Names(), []string{"spend", "age"}) {
		t.Fatalf("Select: %q %v", s.Names(), err)
	}
	if _, err := f.Select("age", "age"); err == nil {
		t.Fatal("Select of a repeated column gave no error")
	}
	if _, err := f.Floats("channel"); err == nil || !strings.Contains(err.Error(), "categorical") {
		t.Fatalf("Floats of a categorical column: %v", err)
	}
	rec, err := f.Record(2)
	if err != nil || rec["age"] != "" || rec["channel"] != "web" {
		t.Fatalf("Record(2) = %v, %v", rec, err)
	}
}

func TestReadCSVDecimalComma(t *testing.T) {
	text := "price;code;label;n\r\n1,5;1,2;a,b;3\r\n2;NA;c;4\r\n-0,25;7;d;5\r\n"
	f, err := ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	price, err := f.Floats("price")
	if err != nil || !slices.Equal(price, []float64{1.5, 2, -0.25}) {
		t.Fatalf("price %v, %v", price, err)
	}
	if got := f.Kinds(); !slices.Equal(got, []Kind{Numeric, Numeric, Categorical, Numeric}) {
		t.Fatalf("kinds %v", got)
	}
	label, _ := f.Strings("label")
	if label[0] != "a,b" {
		t.Fatalf("a text cell was rewritten: %q", label[0])
	}
}
