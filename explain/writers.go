package explain

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
)

// CSVWriter writes the explanations of consecutive rows — the blocks of
// Stream, in order — as one CSV file: the bytes WriteCSV writes for their
// Merge. Each Write appends its rows and flushes them, so the file grows
// as blocks are done and holds no more than one block in memory.
type CSVWriter struct {
	cw    *csv.Writer
	first *Explanation
	rows  int
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{cw: csv.NewWriter(w)} }

// Write appends the lines of part's rows, numbered after the rows written
// before; the first part writes the header. A part that differs from the
// first in its method, names, link, seed or columns is an error.
func (w *CSVWriter) Write(part *Explanation) error {
	if err := checkPart(w.first, part, w.rows); err != nil {
		return err
	}
	if w.first == nil {
		w.first = part
		if err := part.writeCSVHeader(w.cw); err != nil {
			return err
		}
	}
	if err := part.writeCSVRows(w.cw, w.rows); err != nil {
		return err
	}
	w.rows += part.Rows()
	return nil
}

// Rows returns the number of rows written.
func (w *CSVWriter) Rows() int { return w.rows }

// checkPart checks part, the part after rows rows, against first (nil
// before the first part).
func checkPart(first, part *Explanation, rows int) error {
	if part == nil {
		return errors.New("explain: writing a nil explanation")
	}
	if first == nil {
		return nil
	}
	if err := sameKind(first, part); err != nil {
		return fmt.Errorf("explain: the part from row %d %w", rows, err)
	}
	return nil
}

// JSONWriter writes the explanations of consecutive rows — the blocks of
// Stream, in order — as one JSON document: the bytes WriteJSON writes for
// their Merge. JSON puts every row's values before every row's base
// values, data and standard errors, so the rows of each of those fields
// wait in a temporary file until Close writes the document's end; only the
// values go to w as they come. Memory holds one row at a time, and the
// temporary files about as many bytes as the output.
//
// Call Close to finish the document, or Discard to give up; both remove
// the temporary files.
type JSONWriter struct {
	w        io.Writer
	dir      string
	first    *Explanation
	rows     int
	evals    int64
	sections []*jsonSection
	keys     int   // fields written
	err      error // the first error; every later call returns it
}

// jsonSection is the JSON of one field of Explanation. A row field's
// elements are written as they come, to the output (direct) or to a
// temporary file, each on its own indented line as WriteJSON indents it.
type jsonSection struct {
	name      string
	field     int
	rows      bool // one element per row
	omitEmpty bool
	direct    bool
	n         int // elements written
	file      *os.File
	buf       *bufio.Writer
}

// rowFields are the fields of Explanation with one element per row.
var rowFields = map[string]bool{"Values": true, "BaseValues": true, "Data": true, "StdErr": true, "Surrogates": true}

// NewJSONWriter returns a JSONWriter writing to w, with its temporary files
// in dir (os.TempDir() when dir is ""). Put them beside the output to keep
// them on its file system.
func NewJSONWriter(w io.Writer, dir string) *JSONWriter {
	jw := &JSONWriter{w: w, dir: dir}
	t := reflect.TypeFor[Explanation]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		s := &jsonSection{name: name, field: i, rows: rowFields[f.Name], omitEmpty: opts == "omitempty"}
		// The first field, the values, goes straight to w.
		s.direct = i == 0 && s.rows && !s.omitEmpty
		jw.sections = append(jw.sections, s)
	}
	return jw
}

// Write adds part's rows. A part that differs from the first in its
// method, names, link, seed or columns is an error.
func (jw *JSONWriter) Write(part *Explanation) error {
	if jw.err != nil {
		return jw.err
	}
	if err := checkPart(jw.first, part, jw.rows); err != nil {
		return err
	}
	if part.Rows() == 0 {
		return nil
	}
	if jw.first == nil {
		jw.first = part
		if _, err := io.WriteString(jw.w, "{\n"); err != nil {
			return jw.fail(err)
		}
	}
	v := reflect.ValueOf(part).Elem()
	for _, s := range jw.sections {
		if !s.rows {
			continue
		}
		rows := v.Field(s.field)
		if rows.IsNil() {
			continue
		}
		for r := range rows.Len() {
			if err := jw.element(s, rows.Index(r).Interface()); err != nil {
				return jw.fail(err)
			}
		}
	}
	jw.rows += part.Rows()
	jw.evals += part.Evaluations
	return nil
}

// element writes one row's element of section s.
func (jw *JSONWriter) element(s *jsonSection, x any) error {
	b, err := json.MarshalIndent(x, "  ", " ")
	if err != nil {
		return err
	}
	var out io.Writer = jw.w
	if !s.direct {
		if s.file == nil {
			if s.file, err = os.CreateTemp(jw.dir, ".glassbox-"+s.name+"-*.json"); err != nil {
				return err
			}
			s.buf = bufio.NewWriter(s.file)
		}
		out = s.buf
	}
	sep := ",\n  "
	if s.n == 0 {
		sep = "  "
		if s.direct {
			sep = jw.key(s) + "[\n  "
		}
	}
	s.n++
	if _, err := io.WriteString(out, sep); err != nil {
		return err
	}
	_, err = out.Write(b)
	return err
}

// key returns what comes before section s's value: the separator from the
// field before it, if any, and its key.
func (jw *JSONWriter) key(s *jsonSection) string {
	jw.keys++
	if jw.keys == 1 {
		return ` "` + s.name + `": `
	}
	return ",\n \"" + s.name + `": `
}

// Rows returns the number of rows written.
func (jw *JSONWriter) Rows() int { return jw.rows }

// Close writes the rest of the document — the fields other than the
// values, in WriteJSON's order, with Evaluations the sum over the parts —
// and removes the temporary files. Writing no rows at all is an error.
func (jw *JSONWriter) Close() error {
	defer jw.Discard()
	if jw.err != nil {
		return jw.err
	}
	if jw.first == nil {
		return jw.fail(errors.New("no rows were written"))
	}
	jw.err = errors.New("explain: JSONWriter is closed")
	meta := *jw.first
	meta.Evaluations = jw.evals
	v := reflect.ValueOf(meta)
	for _, s := range jw.sections {
		if s.direct {
			if _, err := io.WriteString(jw.w, "\n ]"); err != nil {
				return fmt.Errorf("explain: writing JSON: %w", err)
			}
			continue
		}
		if err := jw.section(s, v.Field(s.field)); err != nil {
			return fmt.Errorf("explain: writing JSON: %w", err)
		}
	}
	if _, err := io.WriteString(jw.w, "\n}\n"); err != nil {
		return fmt.Errorf("explain: writing JSON: %w", err)
	}
	return nil
}

// section writes section s, whose value in the first part is v.
func (jw *JSONWriter) section(s *jsonSection, v reflect.Value) error {
	if s.rows {
		if s.n == 0 {
			return nil // omitempty: no part had the field
		}
		if _, err := io.WriteString(jw.w, jw.key(s)+"[\n"); err != nil {
			return err
		}
		if err := s.buf.Flush(); err != nil {
			return err
		}
		if _, err := s.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(jw.w, s.file); err != nil {
			return err
		}
		_, err := io.WriteString(jw.w, "\n ]")
		return err
	}
	if s.omitEmpty && emptyJSON(v) {
		return nil
	}
	b, err := json.MarshalIndent(v.Interface(), " ", " ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(jw.w, jw.key(s)); err != nil {
		return err
	}
	_, err = jw.w.Write(b)
	return err
}

// emptyJSON is encoding/json's test for leaving out an omitempty field.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// Discard removes the temporary files without finishing the document; what
// was written to w stays there. Calls after Close or Discard do nothing.
func (jw *JSONWriter) Discard() error {
	if jw.err == nil {
		jw.err = errors.New("explain: JSONWriter is discarded")
	}
	var errs []error
	for _, s := range jw.sections {
		if s.file != nil {
			errs = append(errs, s.file.Close(), os.Remove(s.file.Name()))
			s.file, s.buf = nil, nil
		}
	}
	return errors.Join(errs...)
}

// fail records err as the writer's error and returns it.
func (jw *JSONWriter) fail(err error) error {
	jw.err = fmt.Errorf("explain: writing JSON: %w", err)
	return jw.err
}

// Importance accumulates the mean |value| of every feature over the
// blocks of a streamed explanation without keeping their values: after
// every block of Stream has been added, MeanAbs and Text give what they
// give for the blocks' Merge.
type Importance struct {
	first *Explanation // the first block; kept whole only while it is the only row
	rows  int
	sum   [][]float64 // [output][feature] Σ|value|
}

// Add adds the rows of part, which must be of the same explanation as the
// blocks added before.
func (m *Importance) Add(part *Explanation) error {
	if err := checkPart(m.first, part, m.rows); err != nil {
		return err
	}
	if part.Rows() == 0 {
		return nil
	}
	if m.first == nil {
		m.sum = make([][]float64, part.Outputs())
		for o := range m.sum {
			m.sum[o] = make([]float64, part.Features())
		}
	}
	for _, row := range part.Values { // in MeanAbs's order, to the last bit
		for j, v := range row {
			for o := range m.sum {
				m.sum[o][j] += math.Abs(v[o])
			}
		}
	}
	m.rows += part.Rows()
	switch {
	case m.first == nil && part.Rows() == 1:
		m.first = part
	case m.first == nil || m.first.Rows() > 0:
		meta := *part // names, method and link, without the rows
		meta.Values, meta.BaseValues, meta.Data = nil, nil, nil
		if meta.StdErr != nil { // empty, not nil: later parts have them too
			meta.StdErr = [][][]float64{}
		}
		if meta.Surrogates != nil {
			meta.Surrogates = [][]Surrogate{}
		}
		m.first = &meta
	}
	return nil
}

// Rows returns the number of rows added.
func (m *Importance) Rows() int { return m.rows }

// MeanAbs returns the mean |value| of every feature for one output over
// the rows added, as Explanation.MeanAbs.
func (m *Importance) MeanAbs(output int) ([]float64, error) {
	if m.first == nil {
		return nil, errors.New("explain: Importance: no rows were added")
	}
	if err := m.first.checkOutput(output); err != nil {
		return nil, err
	}
	imp := make([]float64, len(m.sum[output]))
	for j, s := range m.sum[output] {
		imp[j] = s / float64(m.rows)
	}
	return imp, nil
}

// Text is Explanation.Text of all the rows added: the table of one row,
// or the mean |value| of every feature; "" before any row.
func (m *Importance) Text() string {
	if m.first == nil {
		return ""
	}
	if m.rows == 1 {
		return m.first.Text()
	}
	var b strings.Builder
	for o := range m.sum {
		if o > 0 {
			b.WriteByte('\n')
		}
		imp, _ := m.MeanAbs(o)
		m.first.meanAbsText(&b, o, m.rows, imp)
	}
	return b.String()
}
