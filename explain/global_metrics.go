package explain

import (
	"errors"
	"fmt"
	"math"
)

// Metric scores a model's predictions yPred (rows × outputs, as Model.Predict
// returns them) against the true targets yTrue (one per row).
type Metric struct {
	Name string
	// Score computes the metric; it returns an error when the shapes or the
	// values do not fit the metric.
	Score func(yTrue []float64, yPred [][]float64) (float64, error)
	// HigherIsBetter is true for accuracy, R² and AUC, false for losses.
	HigherIsBetter bool
}

// The metrics of PermutationImportance. For classifiers, yTrue holds class
// indices 0, 1, …; yPred holds either one column, the probability of class 1
// (binary), or one probability column per class.
var (
	// Accuracy is the share of rows whose predicted class — p ≥ 0.5 with one
	// column, else the arg-max column — equals yTrue.
	Accuracy = Metric{Name: "accuracy", Score: accuracy, HigherIsBetter: true}
	// LogLoss is −(1/n) Σ log p(yᵢ), p the predicted probability of the true
	// class clipped to [1e−15, 1−1e−15].
	LogLoss = Metric{Name: "log-loss", Score: logLoss}
	// MSE is (1/n) Σ (yᵢ − ŷᵢ)² on a single output column.
	MSE = Metric{Name: "mse", Score: mse}
	// R2 is 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² on a single output column.
	R2 = Metric{Name: "r2", Score: r2, HigherIsBetter: true}
	// AUC is the area under the ROC curve of a binary classifier: the
	// probability that a random positive scores above a random negative,
	// ties counting one half (Mann–Whitney U / (n₊·n₋)). The score is the
	// single column, or column 1 of two or more.
	AUC = Metric{Name: "auc", Score: auc, HigherIsBetter: true}
)

// checkTargets checks that yTrue and yPred have the same positive number of
// rows, the rows the same width, and that all values are finite.
func checkTargets(yTrue []float64, yPred [][]float64) (outputs int, err error) {
	if len(yTrue) == 0 {
		return 0, errors.New("explain: metric: no rows")
	}
	if len(yPred) != len(yTrue) {
		return 0, fmt.Errorf("explain: metric: %d predictions for %d targets", len(yPred), len(yTrue))
	}
	if len(yPred[0]) == 0 {
		return 0, errors.New("explain: metric: prediction row 0 has no outputs")
	}
	if err := checkMatrix("prediction", yPred, len(yPred[0])); err != nil {
		return 0, err
	}
	if err := checkMatrix("target", [][]float64{yTrue}, len(yTrue)); err != nil {
		return 0, err
	}
	return len(yPred[0]), nil
}

// classOf returns yTrue[i] as a class index below k (k = 2 for one column).
func classOf(y float64, i, k int) (int, error) {
	c := int(y)
	if float64(c) != y || c < 0 || c >= k {
		return 0, fmt.Errorf("explain: metric: target row %d is %v; want a class index in [0,%d)", i, y, k)
	}
	return c, nil
}

func accuracy(yTrue []float64, yPred [][]float64) (float64, error) {
	k, err := checkTargets(yTrue, yPred)
	if err != nil {
		return 0, err
	}
	hits := 0
	for i, p := range yPred {
		c, err := classOf(yTrue[i], i, max(k, 2))
		if err != nil {
			return 0, err
		}
		pred := 0
		if k == 1 {
			if p[0] >= 0.5 {
				pred = 1
			}
		} else {
			for j := range p {
				if p[j] > p[pred] {
					pred = j
				}
			}
		}
		if pred == c {
			hits++
		}
	}
	return float64(hits) / float64(len(yTrue)), nil
}

func logLoss(yTrue []float64, yPred [][]float64) (float64, error) {
	k, err := checkTargets(yTrue, yPred)
	if err != nil {
		return 0, err
	}
	const eps = 1e-15
	sum := 0.0
	for i, p := range yPred {
		c, err := classOf(yTrue[i], i, max(k, 2))
		if err != nil {
			return 0, err
		}
		var q float64
		switch {
		case k > 1:
			q = p[c]
		case c == 1:
			q = p[0]
		default:
			q = 1 - p[0]
		}
		sum -= math.Log(math.Min(1-eps, math.Max(eps, q)))
	}
	return sum / float64(len(yTrue)), nil
}

func singleOutput(name string, yTrue []float64, yPred [][]float64) error {
	k, err := checkTargets(yTrue, yPred)
	if err != nil {
		return err
	}
	if k != 1 {
		return fmt.Errorf("explain: %s needs one output column; the predictions have %d", name, k)
	}
	return nil
}

func mse(yTrue []float64, yPred [][]float64) (float64, error) {
	if err := singleOutput("mse", yTrue, yPred); err != nil {
		return 0, err
	}
	sum := 0.0
	for i, p := range yPred {
		sum += (yTrue[i] - p[0]) * (yTrue[i] - p[0])
	}
	return sum / float64(len(yTrue)), nil
}

func r2(yTrue []float64, yPred [][]float64) (float64, error) {
	if err := singleOutput("r2", yTrue, yPred); err != nil {
		return 0, err
	}
	mean, _ := meanStd(yTrue)
	var sse, sst float64
	for i, p := range yPred {
		sse += (yTrue[i] - p[0]) * (yTrue[i] - p[0])
		sst += (yTrue[i] - mean) * (yTrue[i] - mean)
	}
	if sst == 0 {
		return 0, errors.New("explain: r2 is undefined: the targets are constant")
	}
	return 1 - sse/sst, nil
}

func auc(yTrue []float64, yPred [][]float64) (float64, error) {
	k, err := checkTargets(yTrue, yPred)
	if err != nil {
		return 0, err
	}
	col := 0
	if k > 1 {
		col = 1
	}
	var pos float64
	score := make([]float64, len(yTrue))
	for i := range yTrue {
		c, err := classOf(yTrue[i], i, 2)
		if err != nil {
			return 0, err
		}
		pos += float64(c)
		score[i] = yPred[i][col]
	}
	neg := float64(len(yTrue)) - pos
	if pos == 0 || neg == 0 {
		return 0, errors.New("explain: auc is undefined: the targets hold one class only")
	}
	// Sum of the positives' ranks, tied scores sharing their mean rank.
	rankSum := 0.0
	for i, r := range ranks(score) {
		rankSum += yTrue[i] * r
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg), nil
}
