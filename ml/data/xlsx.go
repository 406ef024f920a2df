package data

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads one sheet of an Excel workbook with a Loader's zero value.
func ReadXLSX(path, sheet string) (*Frame, error) { return Loader{}.ReadXLSX(path, sheet) }

// ReadXLSX reads a sheet of an .xlsx workbook ("" means the first sheet)
// whose first non-empty row is the header. Cells are read as stored, not as
// displayed: numbers keep full precision, dates are serial day numbers and
// boolean cells are 1/0. Trailing empty cells may be omitted (Excel does not
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
	f, err := NewFrame(header, body, l.Schema)
	if err != nil {
		return nil, fmt.Errorf("%s, sheet %q: %w", path, sheet, err)
	}
	return f, nil
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
