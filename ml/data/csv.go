package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Loader reads tables into Frames. Its zero value detects the delimiter and
// infers every column's kind.
type Loader struct {
	// Delimiter separates CSV fields; 0 detects it among ',', ';', '\t'
	// and '|' (see DetectDelimiter).
	Delimiter rune
	// Schema declares the kinds of some columns (see NewFrame).
	Schema Schema
}

// ReadCSV reads a CSV table with a Loader's zero value.
func ReadCSV(r io.Reader) (*Frame, error) { return Loader{}.ReadCSV(r) }

// ReadFile reads a .csv/.tsv/.txt or .xlsx file with a Loader's zero value.
func ReadFile(path string) (*Frame, error) { return Loader{}.ReadFile(path) }

// ReadFile reads path as an Excel workbook (first sheet) when its extension
// is .xlsx, and as delimited text otherwise.
func (l Loader) ReadFile(path string) (*Frame, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return l.ReadXLSX(path, "")
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer file.Close()
	f, err := l.ReadCSV(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// ReadCSV reads delimited UTF-8 text whose first record is the header. A
// leading byte-order mark is dropped, fields may be quoted as in RFC 4180,
// blank lines are skipped. Every record must have as many fields as the
// header: a ragged record is an error naming its line. Invalid UTF-8, an
// empty input or a header without data rows are errors too. With a
// delimiter other than ',', numeric columns written with a decimal comma
// ("1,5") are read as numbers (the cell text becomes "1.5").
func (l Loader) ReadCSV(r io.Reader) (*Frame, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("data: reading CSV: %w", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("data: empty CSV input: no header")
	}
	delim := l.Delimiter
	if delim == 0 {
		delim = DetectDelimiter(raw)
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	var header []string
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("data: CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		for i, field := range rec {
			if !utf8.ValidString(field) {
				return nil, fmt.Errorf("data: CSV line %d, field %d: invalid UTF-8", line, i+1)
			}
		}
		if header == nil {
			header = rec
			continue
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("data: CSV line %d (row %d) has %d fields, the header has %d (delimiter %q)",
				line, len(rows)+1, len(rec), len(header), delim)
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 {
		return nil, errors.New("data: CSV has a header but no data rows")
	}
	if delim != ',' {
		normalizeDecimalCommas(rows)
	}
	return NewFrame(header, rows, l.Schema)
}

// normalizeDecimalCommas rewrites, in place, the columns written with a
// decimal comma ("1,5", as spreadsheets in many locales export them with a
// ';' delimiter): a column is rewritten when every non-missing cell reads as
// a number once its one comma becomes a point, and at least one cell has a
// comma.
func normalizeDecimalCommas(rows [][]string) {
	for c := range rows[0] {
		commas := false
		for _, row := range rows {
			s := strings.TrimSpace(row[c])
			if IsMissing(s) {
				continue
			}
			n := strings.Count(s, ",")
			if n > 1 || (n == 1 && strings.Contains(s, ".")) {
				commas = false
				break
			}
			if _, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err != nil {
				commas = false
				break
			}
			commas = commas || n == 1
		}
		if commas {
			for _, row := range rows {
				row[c] = strings.Replace(row[c], ",", ".", 1)
			}
		}
	}
}

// DetectDelimiter guesses the field delimiter of CSV text among ',', ';',
// '\t' and '|': it counts each candidate outside double quotes on the first
// ten non-blank lines and picks the one that appears on the header line the
// same number of times on every sampled line, preferring the larger count;
// failing that, the one most frequent on the header line; ',' when none
// appears.
func DetectDelimiter(text []byte) rune {
	candidates := []rune{',', ';', '\t', '|'}
	var lines []string
	for _, line := range strings.Split(string(text), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		lines = append(lines, line)
		if len(lines) == 10 {
			break
		}
	}
	if len(lines) == 0 {
		return ','
	}
	best, bestCount, consistentFound := ',', 0, false
	for _, d := range candidates {
		n := countOutsideQuotes(lines[0], d)
		if n == 0 {
			continue
		}
		consistent := true
		for _, line := range lines[1:] {
			if countOutsideQuotes(line, d) != n {
				consistent = false
				break
			}
		}
		switch {
		case consistent && (!consistentFound || n > bestCount):
			best, bestCount, consistentFound = d, n, true
		case !consistentFound && n > bestCount:
			best, bestCount = d, n
		}
	}
	return best
}

// countOutsideQuotes counts d in line, ignoring double-quoted stretches.
func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, ch := range line {
		switch {
		case ch == '"':
			quoted = !quoted
		case ch == d && !quoted:
			n++
		}
	}
	return n
}

// WriteCSV writes the frame as comma-separated UTF-8 text with a header;
// missing cells are written empty. Reading the output with ReadCSV gives
// back the same names and cells.
func (f *Frame) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(f.names); err != nil {
		return fmt.Errorf("data: writing CSV: %w", err)
	}
	rec := make([]string, len(f.names))
	for r := range f.Len() {
		for c := range f.names {
			rec[c] = f.text[c][r]
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("data: writing CSV row %d: %w", r+1, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("data: writing CSV: %w", err)
	}
	return nil
}

// WriteCSVFile writes the frame to path with WriteCSV. It writes a
// temporary file in the same directory and renames it, so path never holds
// a half-written table.
func (f *Frame) WriteCSVFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := f.WriteCSV(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	return nil
}
