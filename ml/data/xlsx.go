package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads one sheet of an Excel workbook with a Loader's zero value.
func ReadXLSX(path, sheet string) (*Frame, error) { return Loader{}.ReadXLSX(path, sheet) }

// ReadXLSX reads a sheet of an .xlsx workbook ("" means the first sheet)
// whose first non-empty row is the header. Cells are read as stored, not as
// displayed: numbers keep full precision and boolean cells are 1/0, except
// that numbers Excel formats as dates or times are read as dates (a column
// of them is a Date column). Frame.Encoding reports "xlsx". Trailing empty cells may be omitted (Excel does not
// store them); a row with non-empty cells beyond the header's width is an
// error naming its row.
func (l Loader) ReadXLSX(path, sheet string) (*Frame, error) {
	wb, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("data: opening workbook %s: %w", path, err)
	}
	defer wb.Close()
	sheets := wb.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, fmt.Errorf("data: workbook %s has no sheets", path)
		}
		sheet = sheets[0]
	}
	rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("data: workbook %s, sheet %q (sheets: %s): %w", path, sheet, strings.Join(sheets, ", "), err)
	}
	skipped := 0 // blank rows above the header
	for len(rows) > 0 && isBlankRow(rows[0]) {
		rows, skipped = rows[1:], skipped+1
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("data: workbook %s, sheet %q is empty: no header", path, sheet)
	}
	if err := excelDates(wb, sheet, rows, skipped); err != nil {
		return nil, fmt.Errorf("data: workbook %s, sheet %q: %w", path, sheet, err)
	}
	header := rows[0]
	for len(header) > 0 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1]
	}
	var body [][]string
	for i, row := range rows[1:] {
		if isBlankRow(row) {
			continue
		}
		if len(row) > len(header) {
			if !isBlankRow(row[len(header):]) {
				return nil, fmt.Errorf("data: workbook %s, sheet %q, spreadsheet row %d (data row %d) has cells beyond the header's %d columns",
					path, sheet, skipped+i+2, len(body)+1, len(header))
			}
			row = row[:len(header)]
		}
		padded := make([]string, len(header))
		copy(padded, row)
		body = append(body, padded)
	}
	if len(body) == 0 {
		return nil, fmt.Errorf("data: workbook %s, sheet %q has a header but no data rows", path, sheet)
	}
	f, err := newFrame(header, body, l.Schema, l.StrictNumbers)
	if err != nil {
		return nil, fmt.Errorf("%s, sheet %q: %w", path, sheet, err)
	}
	f.encoding = encXLSX
	return f, nil
}

// excelDates rewrites, in place, the numeric cells below the header (rows
// start at spreadsheet row skipped+1) that Excel formats as dates or times:
// their serial day numbers become "2006-01-02" or "2006-01-02 15:04:05", so
// that the column is inferred Date.
func excelDates(wb *excelize.File, sheet string, rows [][]string, skipped int) error {
	date1904 := false
	if props, err := wb.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	isDate := map[int]bool{} // by style index
	for i := 1; i < len(rows); i++ {
		for c, text := range rows[i] {
			serial, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
			if err != nil || serial < 0 || serial > 2958465 { // 9999-12-31
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, skipped+i+1)
			if err != nil {
				return err
			}
			style, err := wb.GetCellStyle(sheet, cell)
			if err != nil || style == 0 {
				continue
			}
			date, known := isDate[style]
			if !known {
				if st, err := wb.GetStyle(style); err == nil {
					date = isDateFormat(st.NumFmt, st.CustomNumFmt)
				}
				isDate[style] = date
			}
			if !date {
				continue
			}
			t, err := excelize.ExcelDateToTime(serial, date1904)
			if err != nil {
				continue
			}
			t = t.Round(time.Second)
			if serial != math.Trunc(serial) {
				rows[i][c] = t.Format(time.DateTime)
			} else {
				rows[i][c] = t.Format(time.DateOnly)
			}
		}
	}
	return nil
}

// isDateFormat reports whether an Excel number format shows a date or
// time: one of the built-in date formats, or a custom format with y, m, d,
// h or s outside quoted text, escapes and [brackets].
func isDateFormat(id int, custom *string) bool {
	if custom == nil {
		switch {
		case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58, id >= 71 && id <= 81:
			return true
		}
		return false
	}
	code := strings.ToLower(*custom)
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		ch := code[i]
		switch {
		case quoted:
			quoted = ch != '"'
		case bracket:
			bracket = ch != ']'
		case ch == '"':
			quoted = true
		case ch == '[':
			bracket = true
		case ch == '\\' || ch == '_' || ch == '*':
			i++ // the next character is literal (or padding)
		case ch == 'y' || ch == 'm' || ch == 'd' || ch == 'h' || ch == 's':
			return true
		}
	}
	return false
}

// isBlankRow reports whether every cell is empty or spaces.
func isBlankRow(row []string) bool {
	for _, s := range row {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
