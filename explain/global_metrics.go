package explain

import (
	"fmt"

	"github.com/glassbox-ml/glassbox/internal/metrics"
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

// The metrics of PermutationImportance, computed by the same code as ml's
// training and evaluation metrics. For classifiers, yTrue holds class
// indices 0, 1, …; yPred holds either one column, the probability of class
// 1 (binary), or one probability column per class.
var (
	// Accuracy is the share of rows whose predicted class — p ≥ 0.5 with one
	// column, else the arg-max column — equals yTrue.
	Accuracy = Metric{Name: "accuracy", Score: metrics.Accuracy, HigherIsBetter: true}
	// LogLoss is −(1/n) Σ log p(yᵢ), p the predicted probability of the true
	// class clipped to [1e−15, 1−1e−15].
	LogLoss = Metric{Name: "log-loss", Score: metrics.LogLoss}
	// AUC is the area under the ROC curve: the probability that a random
	// positive scores above a random negative, ties counting one half. The
	// score is the single column, or column 1 of two; with more columns, the
	// one-vs-rest average over classes.
	AUC = Metric{Name: "auc", Score: metrics.AUC, HigherIsBetter: true}
	// MSE is (1/n) Σ (yᵢ − ŷᵢ)² on a single output column.
	MSE = Metric{Name: "mse", Score: singleOutput(metrics.MSE)}
	// R2 is 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² on a single output column.
	R2 = Metric{Name: "r2", Score: singleOutput(metrics.R2), HigherIsBetter: true}
)

// singleOutput adapts a regression metric on rows × outputs targets to
// targets given one per row, for a model with one output.
func singleOutput(f func(y, p [][]float64) (float64, error)) func([]float64, [][]float64) (float64, error) {
	return func(yTrue []float64, yPred [][]float64) (float64, error) {
		if len(yPred) > 0 && len(yPred[0]) != 1 {
			return 0, fmt.Errorf("explain: a regression metric needs one output column; the predictions have %d", len(yPred[0]))
		}
		y := make([][]float64, len(yTrue))
		for i := range yTrue {
			y[i] = yTrue[i : i+1 : i+1]
		}
		return f(y, yPred)
	}
}
