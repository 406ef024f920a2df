package data

import (
	"bytes"
	"strings"
	"testing"
)

// checkFrame checks that a frame's shape is consistent: as many names as
// kinds, every column as long as Len, Strings and Floats agree on missing
// cells, and Record works on every row.
func checkFrame(t *testing.T, f *Frame) {
	t.Helper()
	names, kinds := f.Names(), f.Kinds()
	if len(names) != len(kinds) || len(names) == 0 || f.Len() == 0 {
		t.Fatalf("names %q, kinds %v, %d rows", names, kinds, f.Len())
	}
	for c, name := range names {
		text, err := f.Strings(name)
		if err != nil || len(text) != f.Len() || len(f.textColumn(c)) != f.Len() {
			t.Fatalf("column %q: %d cells, want %d (%v)", name, len(text), f.Len(), err)
		}
		missing, _ := f.MissingCount(name)
		empty := 0
		for _, s := range text {
			if s == "" {
				empty++
			}
		}
		if empty != missing {
			t.Fatalf("column %q: %d empty cells, %d missing", name, empty, missing)
		}
		if kinds[c] != Categorical {
			v, err := f.Floats(name)
			if err != nil || len(v) != f.Len() {
				t.Fatalf("column %q: %d values (%v)", name, len(v), err)
			}
			for r := range v {
				if (v[r] != v[r]) != (text[r] == "") {
					t.Fatalf("column %q, row %d: value %v, text %q", name, r+1, v[r], text[r])
				}
			}
		}
	}
	for r := range f.Len() {
		if rec, err := f.Record(r); err != nil || len(rec) != len(names) {
			t.Fatalf("Record(%d): %v", r, err)
		}
	}
	var buf bytes.Buffer
	if err := f.WriteCSV(&buf); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
}

// FuzzReadCSV reads arbitrary bytes: ReadCSV must return a consistent frame
// or an error, never panic.
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"a,b\n1,2\n",
		"\uFEFF年龄,城市\n30,北京\n",
		"a;b\n1,5;x\n2;y\n",
		"a\tb\n\"q\"\"x\"\t1\n",
		"d,t\n2024-03-01,2024-03-01T12:30:00Z\n13/01/2024,2024/3/1 8:05\n",
		"n\n1\n2\nforty\n" + strings.Repeat("3\n", 25),
		"x\n+Inf\n",
		"a,b\n1\n",
		"\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00",
		"\xfe\xff\x00a\x00\n\x00\xd8\x00\n",
		"\xbf\xcd\xbb\xa7,n\n\xb1\xb1\xbe\xa9,1\n",
		"a,b\n1,\xff\n",
		"",
		" \n\n",
		"date\n20240301\n",
		"a,a\n1,2\n",
		"ok\nyes\nNo\nTRUE\n",
		"x\n1e400\n",
		"x\n0x1p-2\n",
		"a|b\n\"unterminated\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		fr, err := ReadCSV(bytes.NewReader(input))
		if err != nil {
			if fr != nil {
				t.Fatalf("frame and error %v", err)
			}
			return
		}
		checkFrame(t, fr)
		if enc := fr.Encoding(); enc == "" {
			t.Fatal("no encoding reported")
		}
		for _, w := range fr.Warnings() {
			if len(w.Rows) > shownValues || w.Count < len(w.Rows) || w.Message == "" {
				t.Fatalf("warning %+v", w)
			}
		}
	})
}

// FuzzInferKind builds a one-column frame from arbitrary cells (split on
// newlines): NewFrame must infer a kind or fail, never panic, and a
// declared kind must fail or agree.
func FuzzInferKind(f *testing.F) {
	for _, seed := range []string{
		"1\n2\n3",
		"yes\nno",
		"2024-03-01\n2024-03-02 10:00",
		"01/02/2024\n13/02/2024",
		"a\nb\n1",
		"NA\n?\nnull",
		"1,5\n2",
		"2024年3月1日",
		"9999-12-31T23:59:60+14:00",
		"0001-01-01",
		"1e308\n-1e308",
		"  7  \n8",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, cells string, declareDate bool) {
		var rows [][]string
		for _, s := range strings.Split(cells, "\n") {
			rows = append(rows, []string{s})
		}
		fr, err := NewFrame([]string{"x"}, rows, nil)
		if err == nil {
			checkFrame(t, fr)
		}
		if declareDate {
			if g, err := NewFrame([]string{"x"}, rows, Schema{"x": Date}); err == nil {
				checkFrame(t, g)
				if k, _ := g.Kind("x"); k != Date {
					t.Fatalf("declared date read as %v", k)
				}
			}
		}
		for _, k := range []Kind{Numeric, Boolean, Categorical} {
			if g, err := NewFrame([]string{"x"}, rows, Schema{"x": k}); err == nil {
				checkFrame(t, g)
			}
		}
	})
}
