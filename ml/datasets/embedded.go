package datasets

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/glassbox-ml/glassbox/ml/data"
)

//go:embed data/breast_cancer.csv
var breastCancerCSV []byte

//go:embed data/diabetes.csv
var diabetesCSV []byte

//go:embed data/penguins_raw.csv
var penguinsRawCSV []byte

// BreastCancer returns the Breast Cancer Wisconsin (Diagnostic) data: 569
// tumours × 30 numeric features ("mean radius" … "worst fractal
// dimension", scikit-learn's names) and the column "target": 0 malignant
// (212 rows), 1 benign (357 rows), as in scikit-learn's load_breast_cancer.
// Source and licence: data/README.md.
func BreastCancer() (*data.Frame, error) {
	return readEmbedded("breast_cancer.csv", breastCancerCSV)
}

// Diabetes returns the diabetes data of Efron, Hastie, Johnstone and
// Tibshirani (2004): 442 patients × 10 baseline features in their original
// units (age, sex coded 1/2, bmi, bp, and serum measurements s1–s6; not the
// scaled copy load_diabetes returns by default) and the column "target", a
// quantitative measure of disease progression one year later (25–346).
// Source and licence: data/README.md.
func Diabetes() (*data.Frame, error) {
	return readEmbedded("diabetes.csv", diabetesCSV)
}

// PenguinsRaw returns the Palmer penguins table as its researchers
// published it (Gorman, Williams and Fraser 2014; CC0): 344 penguins × 17
// columns, among them "Individual ID" (an identifier), "Date Egg" (dates),
// "Comments" (free text), "Region" and "Stage" (constant), measurements with
// missing values, and "Sex", empty in 11 rows — a table to try the
// real-world handling of roles, dates and missing targets on. The columns
// are read as the default Loader infers them. Source and licence:
// data/README.md.
func PenguinsRaw() (*data.Frame, error) {
	f, err := data.ReadCSV(bytes.NewReader(penguinsRawCSV))
	if err != nil {
		return nil, fmt.Errorf("datasets: embedded penguins_raw.csv: %w", err)
	}
	return f, nil
}

// readEmbedded parses an embedded CSV file, all of whose columns are numeric.
func readEmbedded(name string, b []byte) (*data.Frame, error) {
	f, err := data.Loader{Delimiter: ','}.ReadCSV(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("datasets: embedded %s: %w", name, err)
	}
	return f, nil
}
