package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The real-world tables of issue 8, each through `glassbox train` as a new
// user would run it.

// trainCLI runs glassbox train with args after the common flags and returns
// the exit code and what it printed.
func trainCLI(t *testing.T, file, target, out string, args ...string) (int, string) {
	t.Helper()
	all := append([]string{"train", "--data", file, "--target", target, "--out", out, "--epochs", "2", "--backend", "go", "--quiet"}, args...)
	var stdout, stderr bytes.Buffer
	code := run(all, &stdout, &stderr)
	return code, stdout.String() + stderr.String()
}

func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: output lacks %q:\n%s", what, w, text)
		}
	}
}

// frameCSV writes f as CSV (quoting as needed) to a file named name.
func frameCSV(t *testing.T, f *data.Frame, name string) string {
	t.Helper()
	var b strings.Builder
	cols := make([][]string, len(f.Names()))
	for c, n := range f.Names() {
		cols[c], _ = f.Strings(n)
	}
	quote := func(s string) string {
		if strings.ContainsAny(s, ",\"\n") {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	for c, n := range f.Names() {
		if c > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quote(n))
	}
	b.WriteByte('\n')
	for r := range f.Len() {
		for c := range cols {
			if c > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quote(cols[c][r]))
		}
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrainOnExcelGB18030Export(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(strings.ReplaceAll(messyCSV(300), ";", ","))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "客户.csv")
	os.WriteFile(p, []byte(gb), 0o644)
	code, out := trainCLI(t, p, "购买", filepath.Join(t.TempDir(), "run"))
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	mustContain(t, "GB18030", out, "(gb18030)", "城市", "task: binary")
}

func TestTrainWithACategorySeenOnce(t *testing.T) {
	f, err := datasets.Customers(400, 9)
	if err != nil {
		t.Fatal(err)
	}
	p := frameCSV(t, f, "c.csv")
	b, _ := os.ReadFile(p)
	lines := strings.SplitAfter(string(b), "\n")
	region := slices.Index(f.Names(), "region")
	cells := strings.Split(lines[7], ",")
	cells[region] = "zzz_rare" // one row of 400 has a category no other row has
	lines[7] = strings.Join(cells, ",")
	os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644)
	noted := 0
	for seed := range 5 {
		code, out := trainCLI(t, p, "buys", filepath.Join(t.TempDir(), "run"), "--seed", fmt.Sprint(seed))
		if code != 0 {
			t.Fatalf("seed %d: exit %d:\n%s", seed, code, out)
		}
		if strings.Contains(out, `"zzz_rare"`) && strings.Contains(out, "not seen in training") {
			noted++ // it fell into the validation or test split, and the notes say so
		}
	}
	if noted == 0 {
		t.Error("in 5 seeds the rare category never left the training split (or was not noted)")
	}
}

func TestTrainOnAResearchTableWithIDsDatesCommentsAndMissingTargets(t *testing.T) {
	f, err := datasets.PenguinsRaw()
	if err != nil {
		t.Fatal(err)
	}
	code, out := trainCLI(t, frameCSV(t, f, "penguins_raw.csv"), "Sex", filepath.Join(t.TempDir(), "run"))
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	mustContain(t, "penguins", out,
		"Individual ID", "identifier", "Comments", "free_text", "Date Egg", "date", "Region", "constant",
		`dropped 11 of 344 rows: no value for the target "Sex"`, "data quality", "task: binary")
	code, out = trainCLI(t, frameCSV(t, f, "penguins_raw.csv"), "Sex", filepath.Join(t.TempDir(), "run"),
		"--columns", "Species, Body Mass (g),Culmen Length (mm)")
	if code != 0 || !strings.Contains(out, "5 features from 3 columns") {
		t.Errorf("--columns: exit %d:\n%s", code, out)
	}
	code, out = trainCLI(t, frameCSV(t, f, "penguins_raw.csv"), "Sex", filepath.Join(t.TempDir(), "run"), "--exclude", "Date Egg,Island")
	if code != 0 || !strings.Contains(out, "from 10 columns") {
		t.Errorf("--exclude: exit %d:\n%s", code, out)
	}
	code, out = trainCLI(t, frameCSV(t, f, "penguins_raw.csv"), "Sex", filepath.Join(t.TempDir(), "run"), "--strict-target")
	if code == 0 || !strings.Contains(out, "11 of 344 rows") {
		t.Errorf("--strict-target: exit %d:\n%s", code, out)
	}
}

func TestTrainOnACustomerTableWithPersonalData(t *testing.T) {
	f, err := datasets.Contacts(300, 5)
	if err != nil {
		t.Fatal(err)
	}
	p := frameCSV(t, f, "crm.csv")
	run := filepath.Join(t.TempDir(), "run")
	code, out := trainCLI(t, p, "buys", run)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	mustContain(t, "contacts", out, "personal data (email)", "personal data (phone)", "personal data (id_number)", "personal data (name)")
	var files []byte
	filepath.WalkDir(run, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			files = append(files, b...)
		}
		return err
	})
	for _, c := range []string{"姓名", "email", "手机", "身份证号"} {
		values, _ := f.Strings(c)
		for _, v := range values {
			if bytes.Contains(files, []byte(v)) {
				t.Fatalf("the run directory holds %s value %q", c, v)
			}
		}
	}
	if strings.Contains(out, "@example.com") {
		t.Errorf("the output shows an e-mail address:\n%s", out)
	}

	keyFile := filepath.Join(t.TempDir(), "key")
	os.WriteFile(keyFile, []byte("5f0c8e1d2b7a49c3a1e6d4b8f2c7a9e0\n"), 0o600)
	code, out = trainCLI(t, p, "buys", filepath.Join(t.TempDir(), "run"), "--pseudonymise", "auto", "--key-file", keyFile)
	if code != 0 || strings.Contains(out, "personal data (") {
		t.Errorf("--pseudonymise auto: exit %d, personal columns left:\n%s", code, out)
	}
	t.Setenv(keyEnv, "")
	code, out = trainCLI(t, p, "buys", filepath.Join(t.TempDir(), "run"), "--pseudonymise", "email")
	if code == 0 || !strings.Contains(out, "--key-file") {
		t.Errorf("--pseudonymise without a key: exit %d:\n%s", code, out)
	}
}

func TestTrainWithAStrayWordInANumericColumn(t *testing.T) {
	f, err := datasets.Customers(300, 2)
	if err != nil {
		t.Fatal(err)
	}
	p := frameCSV(t, f, "c.csv")
	b, _ := os.ReadFile(p)
	lines := strings.SplitAfter(string(b), "\n")
	first, _, _ := strings.Cut(lines[17], ",")
	lines[17] = "forty" + strings.TrimPrefix(lines[17], first)
	os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644)
	code, out := trainCLI(t, p, "buys", filepath.Join(t.TempDir(), "run"))
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	mustContain(t, "stray word", out, `warning: column "age"`, `"forty" at row 17`, "read as missing")
	code, out = trainCLI(t, p, "buys", filepath.Join(t.TempDir(), "run"), "--strict-numbers")
	if code == 0 || !strings.Contains(out, `"forty"`) || !strings.Contains(out, `"age"`) || len(out) > 400 {
		t.Errorf("--strict-numbers: exit %d; want a short error naming the value and column:\n%s", code, out)
	}
}
