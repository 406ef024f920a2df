package data

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes rows (cells of any type excelize accepts) to a new
// sheet of a workbook in a temporary directory and returns its path.
func writeWorkbook(t *testing.T, sheet string, rows [][]any) string {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	if sheet != "Sheet1" {
		if _, err := wb.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := wb.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadXLSX(t *testing.T) {
	path := writeWorkbook(t, "客户", [][]any{
		{"年龄", "income", "channel", "member"},
		{34, 52000.25, "web", "yes"},
		{51, nil, "store", "no"},
		{29, 0.1, "web"}, // trailing empty cell omitted, as Excel stores it
	})
	f, err := ReadXLSX(path, "客户")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Names(); !slices.Equal(got, []string{"年龄", "income", "channel", "member"}) {
		t.Fatalf("names %q", got)
	}
	if got := f.Kinds(); !slices.Equal(got, []Kind{Numeric, Numeric, Categorical, Boolean}) {
		t.Fatalf("kinds %v", got)
	}
	income, _ := f.Floats("income")
	if income[0] != 52000.25 || income[1] == income[1] || income[2] != 0.1 {
		t.Fatalf("income %v", income)
	}
	if n, _ := f.MissingCount("member"); n != 1 {
		t.Fatalf("member missing %d", n)
	}
	// ReadFile dispatches on the extension; the first sheet is Sheet1 (empty).
	if _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), "Sheet1") {
		t.Fatalf("ReadFile on a workbook whose first sheet is empty: %v", err)
	}
}

func TestBadXLSXNamesTheProblem(t *testing.T) {
	wide := writeWorkbook(t, "Sheet1", [][]any{{"a", "b"}, {1, 2}, {3, 4, "extra"}})
	if _, err := ReadXLSX(wide, ""); err == nil || !strings.Contains(err.Error(), "spreadsheet row 3") || !strings.Contains(err.Error(), "data row 2") {
		t.Fatalf("row wider than the header: %v", err)
	}
	text := writeWorkbook(t, "Sheet1", [][]any{{"age"}, {31}, {"forty"}})
	if _, err := (Loader{Schema: Schema{"age": Numeric}}).ReadXLSX(text, ""); err == nil || !strings.Contains(err.Error(), "row 2") || !strings.Contains(err.Error(), `"forty"`) {
		t.Fatalf("text in a numeric column: %v", err)
	}
	if _, err := ReadXLSX(text, "nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("unknown sheet: %v", err)
	}
	if _, err := ReadXLSX(filepath.Join(t.TempDir(), "missing.xlsx"), ""); err == nil {
		t.Fatal("missing file: no error")
	}
	headerOnly := writeWorkbook(t, "Sheet1", [][]any{{"a", "b"}})
	if _, err := ReadXLSX(headerOnly, ""); err == nil || !strings.Contains(err.Error(), "no data rows") {
		t.Fatalf("header only: %v", err)
	}
}
