package data

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite the testdata fixtures")

// fixtureText is the table every encoding fixture holds.
const fixtureText = "客户,年龄,城市\n张三,34,北京\n李四,28,上海\n王五,NA,广州\n"

// encodeAs encodes UTF-8 text in one of the encodings a Loader reads
// ("utf-8 with BOM" and "utf-16le"/"utf-16be" write a byte-order mark).
func encodeAs(t testing.TB, name, text string) []byte {
	t.Helper()
	var out []byte
	var err error
	switch name {
	case encUTF8:
		return []byte(text)
	case encUTF8BOM:
		return append([]byte("\uFEFF"), text...)
	case encGB18030:
		out, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	case encGBK:
		out, err = simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	case encUTF16LE:
		out, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case encUTF16BE:
		out, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	default:
		t.Fatalf("no encoder for %q", name)
	}
	if err != nil {
		t.Fatalf("encoding as %s: %v", name, err)
	}
	return out
}

var fixtures = map[string]string{
	"customers_gb18030.csv":     encGB18030,
	"customers_utf16le_bom.csv": encUTF16LE,
	"customers_utf8_bom.csv":    encUTF8BOM,
}

// TestFixturesAreCurrent checks the committed fixtures against encodeAs
// (go test -run Fixtures -update rewrites them).
func TestFixturesAreCurrent(t *testing.T) {
	for file, enc := range fixtures {
		want := encodeAs(t, enc, fixtureText)
		path := filepath.Join("testdata", file)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its encoding as %s (run with -update)", file, enc)
		}
	}
}

func TestReadFileEncodings(t *testing.T) {
	for file, enc := range fixtures {
		f, err := ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if f.Encoding() != enc {
			t.Errorf("%s: encoding %q, want %q", file, f.Encoding(), enc)
		}
		if got := f.Names(); !slices.Equal(got, []string{"客户", "年龄", "城市"}) {
			t.Fatalf("%s: names %q", file, got)
		}
		if got := f.Kinds(); !slices.Equal(got, []Kind{Categorical, Numeric, Categorical}) {
			t.Errorf("%s: kinds %v", file, got)
		}
		city, _ := f.Strings("城市")
		if !slices.Equal(city, []string{"北京", "上海", "广州"}) {
			t.Errorf("%s: 城市 %q", file, city)
		}
		age, _ := f.Floats("年龄")
		if age[0] != 34 || age[1] != 28 || age[2] == age[2] {
			t.Errorf("%s: 年龄 %v", file, age)
		}
	}
}

func TestLoaderEncoding(t *testing.T) {
	gb := encodeAs(t, encGB18030, fixtureText)
	cases := []struct {
		name, encoding string
		input          []byte
		want           string // Frame.Encoding, or a part of the error
		fails          bool
	}{
		{"auto utf-8", "", []byte(fixtureText), encUTF8, false},
		{"auto gb18030", "", gb, encGB18030, false},
		{"explicit GBK any case", "GBK", gb, encGBK, false},
		{"explicit gb18030", "gb18030", gb, encGB18030, false},
		{"explicit utf-16le", "UTF-16LE", encodeAs(t, encUTF16LE, fixtureText), encUTF16LE, false},
		{"auto utf-16be", "", encodeAs(t, encUTF16BE, fixtureText), encUTF16BE, false},
		{"explicit utf-8 keeps the BOM name", "utf-8", encodeAs(t, encUTF8BOM, fixtureText), encUTF8BOM, false},
		{"unknown name", "latin1", gb, `unknown encoding "latin1" (known: utf-8, gb18030, gbk, utf-16le, utf-16be)`, true},
		{"gb18030 read as utf-8", "utf-8", gb, "line 1, field 1", true},
		{"bad gb18030 bytes", "gb18030", []byte("a,b\n1,\xff\n"), `line 2, field 2 (column "b"): invalid gb18030 text`, true},
		{"neither utf-8 nor gb18030", "", []byte("a,b\n1,caf\xe9,\n"), "neither UTF-8 nor GB18030", true},
	}
	for _, c := range cases {
		f, err := Loader{Encoding: c.encoding}.ReadCSV(bytes.NewReader(c.input))
		switch {
		case c.fails && err == nil:
			t.Errorf("%s: no error", c.name)
		case c.fails && !strings.Contains(err.Error(), c.want):
			t.Errorf("%s: error %q lacks %q", c.name, err, c.want)
		case !c.fails && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case !c.fails && f.Encoding() != c.want:
			t.Errorf("%s: encoding %q, want %q", c.name, f.Encoding(), c.want)
		case !c.fails:
			if names := f.Names(); names[0] != "客户" {
				t.Errorf("%s: names %q", c.name, names)
			}
		}
	}
}

// onlyReader hides every method but Read (so the input cannot seek).
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// TestNonUTF8AfterTheSniff reads GB18030 text whose first 64 KiB are ASCII:
// a seekable input is read again as GB18030, a stream is an error that
// names the line and suggests Loader.Encoding.
func TestNonUTF8AfterTheSniff(t *testing.T) {
	var text strings.Builder
	text.WriteString("id,city\n")
	rows := 0
	for text.Len() < 70000 {
		rows++
		fmt.Fprintf(&text, "%d,Beijing\n", rows)
	}
	text.WriteString("0,北京\n")
	gb := encodeAs(t, encGB18030, text.String())
	f, err := ReadCSV(bytes.NewReader(gb))
	if err != nil {
		t.Fatal(err)
	}
	if city, _ := f.Strings("city"); f.Encoding() != encGB18030 || city[rows] != "北京" {
		t.Fatalf("encoding %q, last city %q", f.Encoding(), city[rows])
	}
	_, err = ReadCSV(onlyReader{bytes.NewReader(gb)})
	want := fmt.Sprintf(`CSV line %d, field 2 (column "city"): invalid UTF-8`, rows+2)
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "Loader.Encoding") {
		t.Fatalf("stream error %v, want %q", err, want)
	}
	path := filepath.Join(t.TempDir(), "late.csv")
	if err := os.WriteFile(path, gb, 0o644); err != nil {
		t.Fatal(err)
	}
	if g, err := ReadFile(path); err != nil || g.Len() != rows+1 || g.Encoding() != encGB18030 {
		t.Fatalf("ReadFile: %v", err)
	}
}

// randomFrameText writes a random table as CSV text: numbers, Chinese and
// ASCII categories, words, booleans, dates and missing cells.
func randomFrameText(rng *rand.Rand, rows int) string {
	words := []string{"北京", "上海", "广州", "深圳", "web", "store", "a b", "x,y", `say "hi"`, "€uro"}
	var b strings.Builder
	b.WriteString("数值,类别,flag,日期,note\n")
	for range rows {
		cells := []string{
			formatNumber(float64(rng.IntN(2000000)-1000000) / 100),
			words[rng.IntN(len(words))],
			[]string{"yes", "no", "Yes"}[rng.IntN(3)],
			fmt.Sprintf("2024-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28)),
			words[rng.IntN(len(words))] + fmt.Sprint(rng.IntN(5)),
		}
		for i := range cells {
			if rng.IntN(10) == 0 {
				cells[i] = ""
			}
			if strings.ContainsAny(cells[i], `,"`) {
				cells[i] = `"` + strings.ReplaceAll(cells[i], `"`, `""`) + `"`
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	return b.String()
}

// TestRoundTripEveryEncoding reads random tables written in each encoding
// and checks they read back identical to their UTF-8 reading.
func TestRoundTripEveryEncoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		text := randomFrameText(rng, 1+rng.IntN(60))
		ref, err := ReadCSV(strings.NewReader(text))
		if err != nil {
			t.Fatalf("trial %d: %v\n%s", trial, err, text)
		}
		for _, enc := range []string{encUTF8BOM, encGB18030, encUTF16LE, encUTF16BE} {
			f, err := ReadCSV(bytes.NewReader(encodeAs(t, enc, text)))
			if err != nil {
				t.Fatalf("trial %d, %s: %v", trial, enc, err)
			}
			if f.Encoding() != enc || !slices.Equal(f.Names(), ref.Names()) || !slices.Equal(f.Kinds(), ref.Kinds()) {
				t.Fatalf("trial %d, %s: %s %q %v, want %q %v", trial, enc, f.Encoding(), f.Names(), f.Kinds(), ref.Names(), ref.Kinds())
			}
			for _, name := range ref.Names() {
				a, _ := ref.Strings(name)
				b, _ := f.Strings(name)
				if !slices.Equal(a, b) {
					t.Fatalf("trial %d, %s, column %q: %q, want %q", trial, enc, name, b, a)
				}
			}
		}
		// WriteCSV and read back: same cells.
		var buf bytes.Buffer
		if err := ref.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadCSV(&buf)
		if err != nil {
			t.Fatalf("trial %d: reading WriteCSV output: %v", trial, err)
		}
		for _, name := range ref.Names() {
			a, _ := ref.Strings(name)
			b, _ := back.Strings(name)
			if !slices.Equal(a, b) {
				t.Fatalf("trial %d, column %q after WriteCSV: %q, want %q", trial, name, b, a)
			}
		}
	}
}
