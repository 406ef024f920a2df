package data

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestReadXLSXDates checks that cells Excel formats as dates or times read
// as Date columns, built-in and custom formats alike, while plain numbers
// stay numbers.
func TestReadXLSXDates(t *testing.T) {
	wb := excelize.NewFile()
	defer wb.Close()
	rows := [][]any{
		{"day", "when", "custom", "n", "money"},
		{time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC), 45352, 45352, 12.5},
		{time.Date(2023, 12, 25, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 2, 8, 0, 15, 0, time.UTC), 45353, 45353, 7},
		{nil, nil, nil, nil, nil},
		{time.Date(1999, 1, 31, 0, 0, 0, 0, time.UTC), nil, 45354, 1, 0},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := wb.NewStyle(&excelize.Style{NumFmt: 14})
	timeStyle, _ := wb.NewStyle(&excelize.Style{NumFmt: 22})
	custom := `yyyy"年"m"月"d"日"`
	customStyle, _ := wb.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	money := `"$"#,##0.00`
	moneyStyle, _ := wb.NewStyle(&excelize.Style{CustomNumFmt: &money})
	for _, s := range []struct {
		from, to string
		style    int
	}{{"A2", "A5", dateStyle}, {"B2", "B5", timeStyle}, {"C2", "C5", customStyle}, {"E2", "E5", moneyStyle}} {
		if err := wb.SetCellStyle("Sheet1", s.from, s.to, s.style); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "dates.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Kinds(); !slices.Equal(got, []Kind{Date, Date, Date, Numeric, Numeric}) {
		t.Fatalf("kinds %v", got)
	}
	if f.Encoding() != "xlsx" {
		t.Errorf("encoding %q", f.Encoding())
	}
	for _, c := range []struct {
		col  string
		want []string
	}{
		{"day", []string{"2024-03-01", "2023-12-25", "1999-01-31"}},
		{"when", []string{"2024-03-01 12:30:00", "2024-03-02 08:00:15", ""}},
		{"custom", []string{"2024-03-01", "2024-03-02", "2024-03-03"}},
		{"n", []string{"45352", "45353", "1"}},
	} {
		got, _ := f.Strings(c.col)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.col, got, c.want)
		}
	}
	v, _ := f.Floats("day")
	if v[0] != day(2024, 3, 1, 0, 0, 0) {
		t.Errorf("day value %v", v[0])
	}
}

func TestIsDateFormat(t *testing.T) {
	s := func(x string) *string { return &x }
	for _, c := range []struct {
		id     int
		custom *string
		want   bool
	}{
		{0, nil, false}, {2, nil, false}, {14, nil, true}, {22, nil, true}, {49, nil, false}, {57, nil, true},
		{164, s("yyyy-mm-dd"), true}, {164, s("[h]:mm"), true}, {164, s(`0.00"days"`), false},
		{164, s(`[Red]0.00`), false}, {164, s(`\d0`), false}, {164, s("General"), false}, {164, s("0.00E+00"), false},
	} {
		if got := isDateFormat(c.id, c.custom); got != c.want {
			t.Errorf("isDateFormat(%d, %v) = %v", c.id, c.custom, got)
		}
	}
}
