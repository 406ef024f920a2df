package data

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// column builds CSV text of one column named name from cells.
func columnCSV(name string, cells []string) string {
	return name + "\n" + strings.Join(cells, "\n") + "\n"
}

// numbersWith returns n numbers 1..n with extra cells put at the given
// 0-based positions.
func numbersWith(n int, extra map[int]string) []string {
	var cells []string
	for i := range n {
		for {
			s, ok := extra[len(cells)]
			if !ok {
				break
			}
			cells = append(cells, s)
		}
		cells = append(cells, fmt.Sprint(i+1))
	}
	return cells
}

func TestRobustNumbers(t *testing.T) {
	many := map[int]string{}
	for i := range 12 {
		many[10+5*i] = fmt.Sprintf("bad%d", i%7)
	}
	cases := []struct {
		name  string
		cells []string
		kind  Kind
		warn  string // "" for none
		rows  []int
		count int
	}{
		{"one word", numbersWith(30, map[int]string{16: "forty"}), Numeric,
			`column "age": 1 value is not a number ("forty" at row 17); read as missing`, []int{17}, 1},
		{"more than five shown as a count", numbersWith(400, many), Numeric,
			`column "age": 12 values are not numbers ("bad0" at row 11, "bad1" at row 16, "bad2" at row 21, "bad3" at row 26, "bad4" at row 31, 7 more); read as missing`,
			[]int{11, 16, 21, 26, 31}, 12},
		{"too few numbers", numbersWith(19, map[int]string{3: "x"}), Categorical, "", nil, 0},
		{"more than 5%", numbersWith(100, map[int]string{1: "x", 2: "x", 3: "x", 4: "x", 5: "x", 6: "y"}), Categorical, "", nil, 0},
		{"exactly 5%", numbersWith(95, map[int]string{1: "x", 2: "x", 3: "x", 4: "x", 5: "y"}), Numeric,
			`column "age": 5 values are not numbers ("x" at row 2, "x" at row 3, "x" at row 4, "x" at row 5, "y" at row 6); read as missing`,
			[]int{2, 3, 4, 5, 6}, 5},
		{"long text is cut", numbersWith(40, map[int]string{0: strings.Repeat("很长", 30)}), Numeric,
			`column "age": 1 value is not a number ("` + strings.Repeat("很长", 20) + `"… at row 1); read as missing`, []int{1}, 1},
	}
	// More than 20 distinct non-numbers among 10,000 numbers: categorical.
	distinct := map[int]string{}
	for i := range 21 {
		distinct[100*i] = fmt.Sprintf("w%d", i)
	}
	cases = append(cases, struct {
		name  string
		cells []string
		kind  Kind
		warn  string
		rows  []int
		count int
	}{"21 distinct", numbersWith(10000, distinct), Categorical, "", nil, 0})
	for _, c := range cases {
		f, err := ReadCSV(strings.NewReader(columnCSV("age", c.cells)))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if k, _ := f.Kind("age"); k != c.kind {
			t.Errorf("%s: kind %v, want %v", c.name, k, c.kind)
			continue
		}
		w := f.Warnings()
		if c.warn == "" {
			if len(w) != 0 {
				t.Errorf("%s: warnings %v", c.name, w)
			}
			continue
		}
		if len(w) != 1 || w[0].Message != c.warn || w[0].Column != "age" || !slices.Equal(w[0].Rows, c.rows) || w[0].Count != c.count {
			t.Errorf("%s: warnings %+v\nwant %s rows %v count %d", c.name, w, c.warn, c.rows, c.count)
			continue
		}
		age, _ := f.Floats("age")
		for _, r := range c.rows {
			if !math.IsNaN(age[r-1]) {
				t.Errorf("%s: row %d is %v, want missing", c.name, r, age[r-1])
			}
		}
		if n, _ := f.MissingCount("age"); n != c.count {
			t.Errorf("%s: %d missing, want %d", c.name, n, c.count)
		}
		_, err = Loader{StrictNumbers: true}.ReadCSV(strings.NewReader(columnCSV("age", c.cells)))
		want := fmt.Sprintf(`data: column "age", row %d:`, c.rows[0])
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "is not a number (StrictNumbers)") {
			t.Errorf("%s: StrictNumbers error %v", c.name, err)
		}
	}
}

// TestRobustNumbersAfterManyWords checks a column that starts with many
// non-numbers (so its reading switches to a dictionary) and ends numeric.
func TestRobustNumbersAfterManyWords(t *testing.T) {
	cells := make([]string, 0, 10100)
	for range 100 {
		cells = append(cells, "unknown")
	}
	for i := range 10000 {
		cells = append(cells, fmt.Sprintf("%d.5", i))
	}
	f, err := ReadCSV(strings.NewReader(columnCSV("x", cells)))
	if err != nil {
		t.Fatal(err)
	}
	w := f.Warnings()
	if k, _ := f.Kind("x"); k != Numeric || len(w) != 1 || w[0].Count != 100 || !slices.Equal(w[0].Rows, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("kind %v, warnings %+v", k, w)
	}
	x, _ := f.Floats("x")
	if x[100] != 0.5 || x[10099] != 9999.5 {
		t.Fatalf("values %v %v", x[100], x[10099])
	}
	g, err := f.Select("x")
	if err != nil || len(g.Warnings()) != 1 {
		t.Fatalf("Select lost the warning: %v", err)
	}
}

// TestNumberText checks that numeric cells read back as their value's
// shortest text, while a column that turns out categorical keeps every cell
// as written, numbers included.
func TestNumberText(t *testing.T) {
	f, err := ReadCSV(strings.NewReader("n,c\n1.50,1.50\n007,007\n1e3,1e3\n-0.0000001,x\n12345678901234567890123,y\n,z\n"))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := f.Strings("n")
	if want := []string{"1.5", "7", "1000", "-1e-7", "1.2345678901234568e+22", ""}; !slices.Equal(n, want) {
		t.Errorf("numeric text %q, want %q", n, want)
	}
	c, _ := f.Strings("c")
	if want := []string{"1.50", "007", "1e3", "x", "y", "z"}; !slices.Equal(c, want) {
		t.Errorf("categorical text %q, want %q", c, want)
	}
	rec, _ := f.Record(0)
	if rec["n"] != "1.5" || rec["c"] != "1.50" {
		t.Errorf("record %v", rec)
	}
	// Enough numbers first to stay in number mode, then words.
	var cells []string
	for i := range 200 {
		cells = append(cells, fmt.Sprintf("%03d.10", i))
	}
	for i := range 30 {
		cells = append(cells, fmt.Sprintf("w%d", i))
	}
	g, err := ReadCSV(strings.NewReader(columnCSV("code", cells)))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := g.Strings("code")
	if k, _ := g.Kind("code"); k != Categorical || !slices.Equal(got, cells) {
		t.Errorf("kind %v, text %q", k, got[:5])
	}
}

func TestIsCanonicalNumber(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "10", "1.5", "-0.25", "123456789012345", "0.0001", "0.00001", "99.99",
		"-0", "00", "01", "1.50", "1.", ".5", "+1", "1e3", "0.0000001", "1234567890123456", "1.0", "0.000001"} {
		v, ok := readNumber(s, false)
		canonical := ok && formatNumber(v) == s
		if isCanonicalNumber(s) && !canonical {
			t.Errorf("isCanonicalNumber(%q) but formatNumber gives %q", s, formatNumber(v))
		}
	}
}

func day(y int, m time.Month, d, hh, mm, ss int) float64 {
	return float64(time.Date(y, m, d, hh, mm, ss, 0, time.UTC).Unix()) / 86400
}

func TestDateInference(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name   string
		header string
		cells  []string
		kind   Kind
		values []float64 // for Date columns
		text   []string  // Strings of Date columns
	}{
		{"iso", "d", []string{"2024-03-01", "2024-12-31", "NA"}, Date,
			[]float64{day(2024, 3, 1, 0, 0, 0), day(2024, 12, 31, 0, 0, 0), nan}, []string{"2024-03-01", "2024-12-31", ""}},
		{"slashes and dots", "d", []string{"2024/3/1", "2024/03/02", "2024.03.03"}, Date,
			[]float64{day(2024, 3, 1, 0, 0, 0), day(2024, 3, 2, 0, 0, 0), day(2024, 3, 3, 0, 0, 0)}, []string{"2024-03-01", "2024-03-02", "2024-03-03"}},
		{"chinese", "日期", []string{"2024年3月1日", "2023年12月25日"}, Date,
			[]float64{day(2024, 3, 1, 0, 0, 0), day(2023, 12, 25, 0, 0, 0)}, []string{"2024-03-01", "2023-12-25"}},
		{"times", "t", []string{"2024-03-01 12:30", "2024-03-01T12:30:15", "2024-03-02 00:00:00", "2024/3/1 8:05"}, Date,
			[]float64{day(2024, 3, 1, 12, 30, 0), day(2024, 3, 1, 12, 30, 15), day(2024, 3, 2, 0, 0, 0), day(2024, 3, 1, 8, 5, 0)},
			[]string{"2024-03-01 12:30:00", "2024-03-01 12:30:15", "2024-03-02 00:00:00", "2024-03-01 08:05:00"}},
		{"zones", "t", []string{"2024-03-01T12:30:00Z", "2024-03-01T12:30:00+08:00", "2024-03-01T12:30:00.25-0130"}, Date,
			[]float64{day(2024, 3, 1, 12, 30, 0), day(2024, 3, 1, 4, 30, 0), day(2024, 3, 1, 14, 0, 0) + 0.25/86400},
			[]string{"2024-03-01 12:30:00", "2024-03-01 04:30:00", "2024-03-01 14:00:00"}},
		{"day first", "d", []string{"13/03/2024", "01/02/2024"}, Date,
			[]float64{day(2024, 3, 13, 0, 0, 0), day(2024, 2, 1, 0, 0, 0)}, []string{"2024-03-13", "2024-02-01"}},
		{"month first", "d", []string{"03/13/2024", "01/02/2024"}, Date,
			[]float64{day(2024, 3, 13, 0, 0, 0), day(2024, 1, 2, 0, 0, 0)}, []string{"2024-03-13", "2024-01-02"}},
		{"yyyymmdd under a date name", "order_date", []string{"20240301", "20231225", "NA"}, Date,
			[]float64{day(2024, 3, 1, 0, 0, 0), day(2023, 12, 25, 0, 0, 0), nan}, []string{"2024-03-01", "2023-12-25", ""}},
		{"yyyymmdd under 日期", "下单日期", []string{"20240301"}, Date,
			[]float64{day(2024, 3, 1, 0, 0, 0)}, []string{"2024-03-01"}},
		{"ambiguous d/m", "d", []string{"01/02/2024", "03/04/2024"}, Categorical, nil, nil},
		{"contradictory d/m", "d", []string{"13/01/2024", "01/13/2024"}, Categorical, nil, nil},
		{"no such day", "d", []string{"2024-03-01", "2023-02-29"}, Categorical, nil, nil},
		{"years are numbers", "year", []string{"2024", "2023"}, Numeric, nil, nil},
		{"ids are numbers", "id", []string{"20240301", "20240302"}, Numeric, nil, nil},
		{"not 8-digit dates", "date", []string{"20240301", "20241301"}, Numeric, nil, nil},
		{"date and text", "d", []string{"2024-03-01", "soon"}, Categorical, nil, nil},
		{"bad time", "d", []string{"2024-03-01 25:00"}, Categorical, nil, nil},
	}
	for _, c := range cases {
		f, err := ReadCSV(strings.NewReader(columnCSV(c.header, c.cells)))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if k, _ := f.Kind(c.header); k != c.kind {
			t.Errorf("%s: kind %v, want %v", c.name, k, c.kind)
			continue
		}
		if c.kind != Date {
			continue
		}
		v, _ := f.Floats(c.header)
		for i := range v {
			if !(v[i] == c.values[i] || math.Abs(v[i]-c.values[i]) < 1e-9 || math.IsNaN(v[i]) && math.IsNaN(c.values[i])) {
				t.Errorf("%s: value %d = %v, want %v", c.name, i, v[i], c.values[i])
			}
		}
		text, _ := f.Strings(c.header)
		if !slices.Equal(text, c.text) {
			t.Errorf("%s: text %q, want %q", c.name, text, c.text)
		}
		// The text reads back to the same value (to the second).
		for i, s := range text {
			if s == "" {
				continue
			}
			back, err := parseCell(Date, s)
			if err != nil || math.Abs(back-v[i])*86400 > 0.5 {
				t.Errorf("%s: %q reads back as %v (%v), want %v", c.name, s, back, err, v[i])
			}
		}
	}
}

func TestDeclaredDates(t *testing.T) {
	f, err := Loader{Schema: Schema{"d": Date}}.ReadCSV(strings.NewReader("d,x\n2024-03-01,1\nNA,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := f.Kind("d"); k != Date {
		t.Fatalf("kind %v", k)
	}
	for _, c := range []struct{ text, want string }{
		{"d\n2024-03-01\nsoon\n", `column "d" (date): row 2: "soon" is not a date`},
		{"d\n2024-03-01\n2024-02-30\n", `column "d" (date): row 2: "2024-02-30" is not a valid date`},
		{"d\n01/02/2024\n", `column "d" (date): row 1: "01/02/2024" is ambiguous`},
	} {
		_, err := Loader{Schema: Schema{"d": Date}}.ReadCSV(strings.NewReader(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
	if _, err := parseCell(Date, "03/04/2024"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("parseCell of an ambiguous date: %v", err)
	}
	if v, err := parseCell(Date, "13/04/2024"); err != nil || v != day(2024, 4, 13, 0, 0, 0) {
		t.Errorf("parseCell(13/04/2024) = %v, %v", v, err)
	}
}

func TestSubsetKeepsCompactColumns(t *testing.T) {
	f := mustFrame(t, "d,flag,c,n\n2024-03-01 10:00,Yes,a,1.5\n2024-03-02,no,,NA\n,yes,b,3\n")
	g, err := f.Subset([]int{2, 0, 0})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		col  string
		want []string
	}{
		{"d", []string{"", "2024-03-01 10:00:00", "2024-03-01 10:00:00"}},
		{"flag", []string{"yes", "Yes", "Yes"}},
		{"c", []string{"b", "a", "a"}},
		{"n", []string{"3", "1.5", "1.5"}},
	} {
		got, _ := g.Strings(c.col)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.col, got, c.want)
		}
		for r := range g.Len() {
			if g.cellText(g.Index(c.col), r) != got[r] {
				t.Errorf("%s: cellText %q differs from %q", c.col, g.cellText(g.Index(c.col), r), got[r])
			}
		}
	}
	flag, _ := g.Floats("flag")
	if !slices.Equal(flag, []float64{1, 1, 1}) {
		t.Errorf("flag %v", flag)
	}
	h, kept, err := f.DropMissing("c", "n")
	if err != nil || h.Len() != 2 || !slices.Equal(kept, []int{0, 2}) {
		t.Errorf("DropMissing: %v %v", kept, err)
	}
}

// TestBadInputNamesWhere checks the errors added with encodings and
// robust numbers name the line or row and the column, and ReadFile the file.
func TestBadInputNamesWhere(t *testing.T) {
	cases := []struct {
		text   string
		loader Loader
		want   []string
	}{
		{"a,b\n1,2\n3,+Inf\n", Loader{}, []string{`column "b"`, "row 2", "finite"}},
		{"a,b\n1,2\n3,x\n", Loader{Schema: Schema{"b": Numeric}}, []string{"line 3", `column "b"`, "row 2", `"x"`}},
		{"a\n" + strings.Repeat("1\n", 30) + "q\n", Loader{StrictNumbers: true}, []string{`column "a"`, "row 31", `"q"`}},
		{"a;b\n1;2\n", Loader{Delimiter: '\n'}, []string{"delimiter"}},
	}
	for _, c := range cases {
		_, err := c.loader.ReadCSV(strings.NewReader(c.text))
		if err == nil {
			t.Errorf("%q: no error", c.text)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: error %q lacks %q", c.text, err, w)
			}
		}
	}
	path := t.TempDir() + "/bad.csv"
	if err := writeFile(path, "a,b\n1\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path); err == nil || !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("ReadFile error %v", err)
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

// TestBatchedErrorsInRowOrder checks that, with records parsed in batches
// and columns in parallel, the error reported is the first in the file.
func TestBatchedErrorsInRowOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b,c,d\n")
	for r := range 3 * batchRows {
		switch r {
		case batchRows + 7: // row batchRows+8, line batchRows+9
			b.WriteString("1,2,x,4\n")
		case batchRows + 9:
			b.WriteString("1,2,3\n")
		default:
			fmt.Fprintf(&b, "%d,%d,%d,%d\n", r, r, r, r)
		}
	}
	text := b.String()
	schema := Schema{"c": Numeric, "d": Numeric}
	_, err := Loader{Schema: schema}.ReadCSV(strings.NewReader(text))
	want := fmt.Sprintf(`data: CSV line %d: column "c" (numeric): row %d: "x" is not a number`, batchRows+9, batchRows+8)
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %s", err, want)
	}
	// Without the schema the ragged record comes first.
	_, err = ReadCSV(strings.NewReader(text))
	want = fmt.Sprintf("data: CSV line %d (row %d) has 3 fields", batchRows+11, batchRows+10)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %v, want %s", err, want)
	}
	// Two bad columns on one row: the leftmost is reported.
	text = strings.Replace(text, "1,2,x,4\n", "1,2,x,y\n", 1)
	_, err = Loader{Schema: schema}.ReadCSV(strings.NewReader(text))
	if err == nil || !strings.Contains(err.Error(), `column "c"`) {
		t.Fatalf("error %v", err)
	}
	// A large table reads the same as NewFrame of its rows.
	f, err := ReadCSV(strings.NewReader(strings.Replace(strings.Replace(text, "1,2,x,y\n", "1,2,3,4\n", 1), "1,2,3\n", "1,2,3,4\n", 1)))
	if err != nil || f.Len() != 3*batchRows {
		t.Fatalf("%v", err)
	}
	if d, _ := f.Floats("d"); d[2*batchRows] != float64(2*batchRows) {
		t.Fatalf("d[%d] = %v", 2*batchRows, d[2*batchRows])
	}
}
