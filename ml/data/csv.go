package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Loader reads tables into Frames. Its zero value detects the encoding and
// the delimiter and infers every column's kind.
type Loader struct {
	// Delimiter separates CSV fields; 0 detects it among ',', ';', '\t'
	// and '|' (see DetectDelimiter).
	Delimiter rune
	// Schema declares the kinds of some columns (see NewFrame).
	Schema Schema
	// Encoding names the text encoding of CSV input: "utf-8", "gb18030",
	// "gbk", "utf-16le" or "utf-16be" (any case). "" detects it: a
	// byte-order mark says UTF-8, UTF-16LE or UTF-16BE; else input that is
	// valid UTF-8 is UTF-8; else it is read as GB18030, the encoding of
	// Excel's CSV files on Chinese Windows (GBK is a subset).
	Encoding string
	// StrictNumbers makes the few non-numbers of an otherwise numeric
	// column an error instead of missing values with a Warning.
	StrictNumbers bool
}

// ReadCSV reads a CSV table with a Loader's zero value.
func ReadCSV(r io.Reader) (*Frame, error) { return Loader{}.ReadCSV(r) }

// ReadFile reads a .csv/.tsv/.txt or .xlsx file with a Loader's zero value.
func ReadFile(path string) (*Frame, error) { return Loader{}.ReadFile(path) }

// ReadFile reads path as an Excel workbook (first sheet) when its extension
// is .xlsx, and as delimited text otherwise. Errors begin with the path.
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

// notUTF8Error is invalid UTF-8 found after the first 64 KiB of input that
// was taken for UTF-8 from those.
type notUTF8Error struct{ msg string }

func (e *notUTF8Error) Error() string { return e.msg }

// ReadCSV reads delimited text whose first record is the header, streaming
// it record by record. The encoding is detected or set by Loader.Encoding
// (see there; Frame.Encoding reports it) and a byte-order mark is dropped.
// Fields may be quoted as in RFC 4180; blank lines are skipped, as are blank
// records above the header. Every record must have as many fields as the
// header: a ragged record is an error naming its line. Text invalid in its
// encoding, an empty input or a header without data rows are errors too.
// With a delimiter other than ',', numbers written with a decimal comma
// ("1,5") are read as numbers.
//
// When detection took the input for UTF-8 from its first 64 KiB and later
// text is not UTF-8, ReadCSV starts again as GB18030 if r can seek (an
// *os.File, a *strings.Reader, a *bytes.Reader); otherwise it is an error
// that suggests setting Loader.Encoding.
func (l Loader) ReadCSV(r io.Reader) (*Frame, error) {
	seeker, canSeek := r.(io.Seeker)
	var start int64
	if canSeek {
		var err error
		if start, err = seeker.Seek(0, io.SeekCurrent); err != nil {
			canSeek = false
		}
	}
	size := int64(0)
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if info, err := st.Stat(); err == nil && info.Mode().IsRegular() {
			size = info.Size() - start
		}
	}
	f, err := l.readCSV(r, size)
	var notUTF8 *notUTF8Error
	if errors.As(err, &notUTF8) && canSeek {
		if _, serr := seeker.Seek(start, io.SeekStart); serr == nil {
			l.Encoding = encGB18030
			return l.readCSV(r, size)
		}
	}
	return f, err
}

// readCSV is ReadCSV once; size, when known, is the number of bytes to read.
func (l Loader) readCSV(r io.Reader, size int64) (*Frame, error) {
	in, err := decodeInput(r, l.Encoding)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(in.r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("data: reading CSV: %w", err)
	}
	whole := len(head) < sniffSize
	if !whole {
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	delim := l.Delimiter
	if delim == 0 {
		delim = DetectDelimiter(head)
	}
	// Estimate the rows from the size of the file, so that columns are
	// allocated once rather than grown by doubling (only for UTF-8, whose
	// decoded head is as long as the raw one).
	estimate := 0.0
	if lines := bytes.Count(head, []byte("\n")); size > 0 && !whole && lines > 1 && !in.transcoded {
		estimate = float64(size) / float64(len(head)) * float64(lines) * 1.05
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	// The header is the first record that is not blank.
	var header []string
	for header == nil {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil, errors.New("data: empty CSV input: no header")
		}
		if err != nil {
			return nil, fmt.Errorf("data: CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		for i, field := range rec {
			if err := checkText(field, in, line, i, nil); err != nil {
				return nil, err
			}
		}
		if !isBlankRow(rec) {
			header = slices.Clone(rec)
		}
	}
	// A row takes at least a byte per field.
	capacity := int(min(estimate, float64(size)/float64(len(header)), 1<<26))
	fb, err := newFrameBuilder(header, l.Schema, delim != ',', true, capacity)
	if err != nil {
		return nil, err
	}
	// Batches of records are read while the previous batch is parsed into
	// the columns, several columns at once.
	rr := &recordReader{cr: cr, in: in, header: header, delim: delim}
	workers := min(runtime.GOMAXPROCS(0), len(header))
	rows := 0
	cur, next := &batch{}, &batch{}
	rr.fill(cur, 0)
	for {
		var done chan error
		if cur.rows > 0 {
			done = make(chan error, 1)
			go func(b *batch) { done <- fb.addBatch(b, workers) }(cur)
		}
		more := cur.err == nil && !rr.done
		if more {
			rr.fill(next, rows+cur.rows)
		}
		if done != nil {
			if err := <-done; err != nil {
				return nil, err
			}
		}
		if cur.err != nil {
			return nil, cur.err
		}
		rows += cur.rows
		if !more {
			break
		}
		cur, next = next, cur
	}
	if rows == 0 {
		return nil, errors.New("data: CSV has a header but no data rows")
	}
	f, err := fb.finish(l.StrictNumbers)
	if err != nil {
		return nil, err
	}
	f.encoding = in.name
	return f, nil
}

// batchRows is how many records a batch holds.
const batchRows = 4096

// batch is a run of records, row-major, and the error that ended it.
type batch struct {
	cells []string
	lines []int // the line of each record
	rows  int
	err   error
}

// recordReader reads the records after the header into batches.
type recordReader struct {
	cr     *csv.Reader
	in     decodedInput
	header []string
	delim  rune
	done   bool // the input is exhausted
}

// fill reads up to batchRows records into b; first is the number of data
// rows before them. A malformed record ends the batch with b.err.
func (rr *recordReader) fill(b *batch, first int) {
	b.cells, b.lines, b.rows, b.err = b.cells[:0], b.lines[:0], 0, nil
	for b.rows < batchRows {
		rec, err := rr.cr.Read()
		if err == io.EOF {
			rr.done = true
			return
		}
		if err != nil {
			b.err = fmt.Errorf("data: CSV: %w", err)
			return
		}
		line, _ := rr.cr.FieldPos(0)
		for i, field := range rec {
			if err := checkText(field, rr.in, line, i, rr.header); err != nil {
				b.err = err
				return
			}
		}
		if len(rec) != len(rr.header) {
			b.err = fmt.Errorf("data: CSV line %d (row %d) has %d fields, the header has %d (delimiter %q)",
				line, first+b.rows+1, len(rec), len(rr.header), rr.delim)
			return
		}
		b.cells = append(b.cells, rec...)
		b.lines = append(b.lines, line)
		b.rows++
	}
}

// addBatch appends a batch's rows, each of workers goroutines taking every
// workers-th column. Of the cells that fail, the error of the first (by
// row, then column) is returned, naming its line.
func (fb *frameBuilder) addBatch(b *batch, workers int) error {
	width := len(fb.cols)
	type failure struct {
		row, col int
		err      error
	}
	failures := make([]failure, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := failure{row: -1}
			for c := w; c < width; c += workers {
				col := fb.cols[c]
				for r := range b.rows {
					if err := col.add(b.cells[r*width+c]); err != nil {
						if first.row < 0 || r < first.row {
							first = failure{r, c, err}
						}
						break
					}
				}
			}
			failures[w] = first
		}()
	}
	wg.Wait()
	var first *failure
	for i := range failures {
		f := &failures[i]
		if f.row >= 0 && (first == nil || f.row < first.row || (f.row == first.row && f.col < first.col)) {
			first = f
		}
	}
	if first != nil {
		return fmt.Errorf("data: CSV line %d: %w", b.lines[first.row], first.err)
	}
	return nil
}

// checkText reports a field (index i, on line) that is not valid text in
// the input's encoding: invalid UTF-8, or U+FFFD where a decoder met bytes
// it could not read.
func checkText(field string, in decodedInput, line, i int, header []string) error {
	if in.transcoded {
		if !strings.Contains(field, "\uFFFD") {
			return nil
		}
	} else if utf8.ValidString(field) {
		return nil
	}
	where := fmt.Sprintf("CSV line %d, field %d", line, i+1)
	if i < len(header) {
		where += fmt.Sprintf(" (column %q)", header[i])
	}
	if in.transcoded {
		if in.fallback {
			return fmt.Errorf("data: %s: neither UTF-8 nor GB18030 text (set Loader.Encoding if the file is in another encoding; known: %s)",
				where, strings.Join(knownEncodings, ", "))
		}
		return fmt.Errorf("data: %s: invalid %s text (set Loader.Encoding if the file is in another encoding; known: %s)",
			where, in.name, strings.Join(knownEncodings, ", "))
	}
	if in.guessed {
		return &notUTF8Error{fmt.Sprintf("data: %s: invalid UTF-8 (the first 64 KiB read as UTF-8; set Loader.Encoding, e.g. %q)", where, encGB18030)}
	}
	return fmt.Errorf("data: %s: invalid UTF-8", where)
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
			rec[c] = f.cellText(c, r)
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
