package explain

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
)

// Explanation holds additive attributions for a batch of rows.
//
// For every row r and output o the attributions are additive:
//
//	Σ_j Values[r][j][o] + BaseValues[r][o] = Link(f(Data[r]))_o
//
// where Link is the identity unless the explanation was made with the logit
// link (then the values explain log-odds). A "feature" j is a player of the
// attribution game: an input column, or a whole group of columns when the
// explainer was given Options.Groups; FeatureNames has one name per player.
type Explanation struct {
	// Values holds the attributions: [row][feature][output].
	Values [][][]float64 `json:"values"`
	// BaseValues holds the expected model output over the background,
	// in link space: [row][output].
	BaseValues [][]float64 `json:"base_values"`
	// Method names the explainer: "exact", "kernel", "permutation", "linear", …
	Method string `json:"method"`
	// FeatureNames names the players (features or groups), one per Values column.
	FeatureNames []string `json:"feature_names"`
	// OutputNames names the model outputs.
	OutputNames []string `json:"output_names"`
	// Data holds the explained rows, with all input columns: [row][column].
	Data [][]float64 `json:"data"`
	// Groups lists the input columns of every player; nil when every
	// player is one column (player j is column j).
	Groups [][]int `json:"groups,omitempty"`
	// Link is the space the values explain: "identity", "logit" or
	// "linear predictor".
	Link string `json:"link"`
	// Seed is the seed the explanation was made with.
	Seed int64 `json:"seed"`
	// Evaluations counts the model rows evaluated for this explanation,
	// all rows together (the background's predictions, made once per
	// explainer, are not included).
	Evaluations int64 `json:"evaluations"`
	// Categories, when set, names the category codes of the columns of
	// Data (one entry per column, nil for a numeric one), for display.
	Categories [][]string `json:"categories,omitempty"`
	// StdErr holds the Monte-Carlo standard error of every value, with the
	// shape of Values; nil when the values are exact or no estimate is
	// available.
	StdErr [][][]float64 `json:"std_err,omitempty"`
	// Surrogates holds LIME's local models, [row][output]; nil for the
	// other methods.
	Surrogates [][]Surrogate `json:"surrogates,omitempty"`
}

// Surrogate is LIME's local linear model of one output around one row.
type Surrogate struct {
	// Kept lists the features the surrogate uses, by decreasing |weight|.
	Kept []int `json:"kept"`
	// Weights holds the surrogate's coefficient of every feature (0 when
	// not kept): with discretisation the effect of being in the instance's
	// quartile bin, without it the effect of one training standard
	// deviation; for a categorical feature the effect of the instance's
	// category.
	Weights []float64 `json:"weights"`
	// Conditions describes every feature as the surrogate sees it: the
	// instance's bin ("1.00 < age <= 2.00"), "name=category", or the name
	// of a feature perturbed by Gaussian noise.
	Conditions []string `json:"conditions"`
	// LocalPrediction is the surrogate at the instance (the row's
	// Prediction); ModelPrediction is the model's own output there.
	LocalPrediction float64 `json:"local_prediction"`
	ModelPrediction float64 `json:"model_prediction"`
	// Fidelity is the surrogate's weighted R² on the neighbourhood, in [0, 1].
	Fidelity float64 `json:"fidelity"`
}

// Rows returns the number of explained rows.
func (e *Explanation) Rows() int { return len(e.Values) }

// Features returns the number of players (features or groups).
func (e *Explanation) Features() int { return len(e.FeatureNames) }

// Outputs returns the number of model outputs.
func (e *Explanation) Outputs() int { return len(e.OutputNames) }

// Output returns the values of one output as a [row][feature] matrix
// (a copy).
func (e *Explanation) Output(output int) ([][]float64, error) {
	if err := e.checkOutput(output); err != nil {
		return nil, err
	}
	out := make([][]float64, len(e.Values))
	for r, row := range e.Values {
		out[r] = make([]float64, len(row))
		for j, v := range row {
			out[r][j] = v[output]
		}
	}
	return out, nil
}

// Prediction returns BaseValues[row][output] + Σ_j Values[row][j][output]:
// the model's output for the row in link space, as the explanation
// reconstructs it. Like an index expression, it requires row < Rows() and
// output < Outputs().
func (e *Explanation) Prediction(row, output int) float64 {
	s := e.BaseValues[row][output]
	for _, v := range e.Values[row] {
		s += v[output]
	}
	return s
}

// MeanAbs returns the global importance of every feature for one output:
// (1/R) Σ_r |Values[r][j][output]|, the mean absolute attribution over the
// explained rows.
func (e *Explanation) MeanAbs(output int) ([]float64, error) {
	if err := e.checkOutput(output); err != nil {
		return nil, err
	}
	imp := make([]float64, e.Features())
	for _, row := range e.Values {
		for j, v := range row {
			imp[j] += math.Abs(v[output])
		}
	}
	if n := len(e.Values); n > 0 {
		for j := range imp {
			imp[j] /= float64(n)
		}
	}
	return imp, nil
}

// Ranking returns the feature indices ordered by decreasing MeanAbs for
// one output (ties keep the feature order).
func (e *Explanation) Ranking(output int) ([]int, error) {
	imp, err := e.MeanAbs(output)
	if err != nil {
		return nil, err
	}
	return orderByMagnitude(imp), nil
}

// TopK returns the indices of the k features with the largest |value| in
// one row for one output, largest first (ties keep the feature order).
// k ≤ 0 or k larger than the number of features returns all of them.
func (e *Explanation) TopK(row, output, k int) ([]int, error) {
	if row < 0 || row >= len(e.Values) {
		return nil, fmt.Errorf("explain: row %d out of range [0,%d)", row, len(e.Values))
	}
	if err := e.checkOutput(output); err != nil {
		return nil, err
	}
	vals := make([]float64, len(e.Values[row]))
	for j, v := range e.Values[row] {
		vals[j] = v[output]
	}
	idx := orderByMagnitude(vals)
	if k > 0 && k < len(idx) {
		idx = idx[:k]
	}
	return idx, nil
}

// orderByMagnitude returns the indices of v sorted by decreasing |v|,
// stable for ties.
func orderByMagnitude(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return math.Abs(v[idx[a]]) > math.Abs(v[idx[b]]) })
	return idx
}

func (e *Explanation) checkOutput(output int) error {
	if output < 0 || output >= e.Outputs() {
		return fmt.Errorf("explain: output %d out of range [0,%d)", output, e.Outputs())
	}
	return nil
}

// WriteJSON writes the explanation as one JSON object with the fields'
// json names (values, base_values, method, …).
func (e *Explanation) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("explain: writing JSON: %w", err)
	}
	return nil
}

// WriteCSV writes one line per (row, output): the columns are row, output
// (its name), base_value, one column per feature with its value,
// prediction (base_value plus the sum of the values), when StdErr is set
// one se_<feature> column per feature, and for LIME (Surrogates set)
// model_prediction and fidelity.
func (e *Explanation) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := e.writeCSVHeader(cw); err != nil {
		return err
	}
	return e.writeCSVRows(cw, 0)
}

// writeCSVHeader writes WriteCSV's header line to cw.
func (e *Explanation) writeCSVHeader(cw *csv.Writer) error {
	header := []string{"row", "output", "base_value"}
	header = append(header, e.FeatureNames...)
	header = append(header, "prediction")
	if e.StdErr != nil {
		for _, n := range e.FeatureNames {
			header = append(header, "se_"+n)
		}
	}
	if e.Surrogates != nil {
		header = append(header, "model_prediction", "fidelity")
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("explain: writing CSV: %w", err)
	}
	return nil
}

// writeCSVRows writes WriteCSV's lines of every row to cw, row r numbered
// first + r, and flushes cw.
func (e *Explanation) writeCSVRows(cw *csv.Writer, first int) error {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for r := range e.Values {
		for o, name := range e.OutputNames {
			rec := []string{strconv.Itoa(first + r), name, f(e.BaseValues[r][o])}
			for _, v := range e.Values[r] {
				rec = append(rec, f(v[o]))
			}
			rec = append(rec, f(e.Prediction(r, o)))
			if e.StdErr != nil {
				for _, v := range e.StdErr[r] {
					rec = append(rec, f(v[o]))
				}
			}
			if e.Surrogates != nil {
				s := e.Surrogates[r][o]
				rec = append(rec, f(s.ModelPrediction), f(s.Fidelity))
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("explain: writing CSV: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("explain: writing CSV: %w", err)
	}
	return nil
}
