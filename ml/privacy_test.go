package ml_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// rawValuesIn returns the values of the personal columns of f that occur
// in any file of dir.
func rawValuesIn(t *testing.T, dir string, f *data.Frame, columns ...string) []string {
	t.Helper()
	var files []byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files = append(files, b...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var leaked []string
	for _, c := range columns {
		values, err := f.Strings(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range values {
			if v != "" && strings.Contains(string(files), v) {
				leaked = append(leaked, c+"="+v)
			}
		}
	}
	return leaked
}

// TestPersonalDataNeverReachesTheRunDirectory trains on a CRM export with
// names, e-mails, mobiles and resident ID numbers: by default they are set
// aside; pseudonymised, only tokens remain; listed raw, it is an error.
func TestPersonalDataNeverReachesTheRunDirectory(t *testing.T) {
	f, err := datasets.Contacts(300, 3)
	if err != nil {
		t.Fatal(err)
	}
	personal := []string{"姓名", "email", "手机", "身份证号"}
	f, err = f.Drop("demand")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 2, Seed: 1, Quiet: true, Backend: "go", RunDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]data.Role{}
	for _, r := range run.Config.Data.Roles {
		roles[r.Column] = r.Role
	}
	for _, c := range personal {
		if roles[c] != data.RolePersonal {
			t.Errorf("%s: role %s, want personal", c, roles[c])
		}
	}
	if roles["客户编号"] != data.RoleIdentifier {
		t.Errorf("客户编号: role %s, want identifier", roles["客户编号"])
	}
	if leaked := rawValuesIn(t, dir, f, personal...); len(leaked) > 0 {
		t.Fatalf("%d raw personal values in the run directory, e.g. %v", len(leaked), leaked[:min(3, len(leaked))])
	}

	key := []byte("0123456789abcdef0123456789abcdef")
	dir2 := filepath.Join(t.TempDir(), "run")
	run, err = ml.Train(f, "buys", ml.TrainOptions{Epochs: 2, Seed: 1, Quiet: true, Backend: "go", RunDir: dir2,
		Pseudonymise: []string{"auto"}, PseudonymKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if leaked := rawValuesIn(t, dir2, f, personal...); len(leaked) > 0 {
		t.Fatalf("pseudonymised: %d raw personal values in the run directory, e.g. %v", len(leaked), leaked[:min(3, len(leaked))])
	}
	for _, r := range run.Config.Data.Roles {
		if r.Role == data.RolePersonal {
			t.Errorf("%s is still personal after pseudonymisation", r.Column)
		}
	}

	_, err = ml.Train(f, "buys", ml.TrainOptions{Epochs: 1, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Columns: []string{"age", "email"}}})
	if err == nil || !strings.Contains(err.Error(), `"email" holds personal data`) {
		t.Errorf("a raw e-mail column as a feature: %v", err)
	}
	_, err = ml.Train(f, "buys", ml.TrainOptions{Epochs: 1, Quiet: true, Backend: "go", Pseudonymise: []string{"email"}, PseudonymKey: []byte("short")})
	if err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("a short key: %v", err)
	}
}
