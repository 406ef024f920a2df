package ml

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/glassbox-ml/glassbox/internal/metrics"
)

// Task is the kind of supervised problem a model solves.
type Task string

// Tasks.
const (
	TaskBinary     Task = "binary"     // one sigmoid output: P(y = 1)
	TaskMulticlass Task = "multiclass" // k softmax outputs: P(y = class)
	TaskRegression Task = "regression" // linear outputs
)

func taskOfLoss(loss string) Task {
	switch loss {
	case BinaryCrossEntropy:
		return TaskBinary
	case CategoricalCrossEntropy:
		return TaskMulticlass
	default:
		return TaskRegression
	}
}

// ClassificationMetrics are the keys of a classification block of metrics.json.
var ClassificationMetrics = []string{"accuracy", "auc", "precision", "recall", "f1", "log_loss"}

// RegressionMetrics are the keys of a regression block of metrics.json.
var RegressionMetrics = []string{"rmse", "mae", "r2"}

func (t Task) metricNames() []string {
	if t == TaskRegression {
		return slices.Clone(RegressionMetrics)
	}
	return slices.Clone(ClassificationMetrics)
}

func (t Task) hasMetric(name string) bool { return slices.Contains(t.metricNames(), name) }

// Metrics maps a metric name ("accuracy", "rmse", "loss", …) to its value.
type Metrics map[string]float64

// higherIsBetter reports whether larger values of the metric are better.
func higherIsBetter(name string) bool {
	switch trimVal(name) {
	case "accuracy", "auc", "precision", "recall", "f1", "r2":
		return true
	}
	return false
}

func trimVal(name string) string {
	if len(name) > 4 && name[:4] == "val_" {
		return name[4:]
	}
	return name
}

// scoreTask computes every metric of task for predictions pred against
// labels y (both rows × outputs; for TaskMulticlass y is one-hot), with the
// formulas of package internal/metrics, which explain's metrics share:
//
// Classification (binary: P(y=1) ≥ 0.5 predicts 1; multi-class: argmax):
// accuracy = correct/n; precision = TP/(TP+FP), recall = TP/(TP+FN),
// f1 = 2PR/(P+R), each 0 when its denominator is 0 and macro-averaged over
// classes for multi-class; auc = the probability that a random positive
// scores above a random negative (ties count ½; one-vs-rest macro average
// for multi-class); log_loss = −mean log p(true class), p clipped to
// [1e-15, 1−1e-15].
//
// Regression (averaged over outputs): rmse = √mean(ŷ−y)², mae = mean|ŷ−y|,
// r2 = 1 − Σ(ŷ−y)²/Σ(y−ȳ)².
//
// A metric undefined on these labels (AUC when a class is absent, R² on
// constant targets) is NaN, written as null in metrics.json.
func scoreTask(task Task, pred, y [][]float64) (Metrics, error) {
	m := Metrics{}
	set := func(name string, v float64, err error) error {
		switch {
		case errors.Is(err, metrics.ErrUndefined):
			v = math.NaN()
		case err != nil:
			return fmt.Errorf("ml: %s: %w", name, err)
		}
		m[name] = v
		return nil
	}
	if task == TaskRegression {
		rmse, err := metrics.RMSE(y, pred)
		if err := set("rmse", rmse, err); err != nil {
			return nil, err
		}
		mae, err := metrics.MAE(y, pred)
		if err := set("mae", mae, err); err != nil {
			return nil, err
		}
		r2, err := metrics.R2(y, pred)
		return m, set("r2", r2, err)
	}
	c := make([]float64, len(y))
	for i := range y {
		c[i] = float64(trueClass(task, y[i]))
	}
	acc, err := metrics.Accuracy(c, pred)
	if err := set("accuracy", acc, err); err != nil {
		return nil, err
	}
	ll, err := metrics.LogLoss(c, pred)
	if err := set("log_loss", ll, err); err != nil {
		return nil, err
	}
	p, r, f1, err := metrics.PrecisionRecallF1(c, pred)
	if err != nil {
		return nil, fmt.Errorf("ml: precision, recall and f1: %w", err)
	}
	m["precision"], m["recall"], m["f1"] = p, r, f1
	auc, err := metrics.AUC(c, pred)
	return m, set("auc", auc, err)
}

// trueClass is the class of a label row: y ≥ ½ for binary, the arg-max of
// the one-hot row otherwise.
func trueClass(task Task, y []float64) int {
	if task == TaskBinary {
		if y[0] >= 0.5 {
			return 1
		}
		return 0
	}
	best := 0
	for j := range y {
		if y[j] > y[best] {
			best = j
		}
	}
	return best
}

// lossValue is the Go counterpart of lossGraph on predictions (after the
// activation), used for validation loss.
func lossValue(loss string, pred, y [][]float64) float64 {
	var s float64
	var count int
	for i := range y {
		switch loss {
		case BinaryCrossEntropy:
			for j := range y[i] {
				p := min(max(pred[i][j], probEpsilon), 1-probEpsilon)
				s -= y[i][j]*math.Log(p) + (1-y[i][j])*math.Log(1-p)
				count++
			}
		case CategoricalCrossEntropy:
			for j := range y[i] {
				s -= y[i][j] * math.Log(min(max(pred[i][j], probEpsilon), 1-probEpsilon))
			}
			count++
		case MAE:
			for j := range y[i] {
				s += math.Abs(pred[i][j] - y[i][j])
				count++
			}
		default:
			for j := range y[i] {
				d := pred[i][j] - y[i][j]
				s += d * d
				count++
			}
		}
	}
	return s / float64(count)
}

// formatMetrics writes "name=value" pairs in a stable order.
func formatMetrics(m Metrics) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Slice(names, func(a, b int) bool { return metricOrder(names[a]) < metricOrder(names[b]) })
	s := ""
	for i, n := range names {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s=%.4f", n, m[n])
	}
	return s
}

// metricOrder sorts loss first, then the task's metrics in their usual order,
// then validation metrics likewise.
func metricOrder(name string) string {
	prefix := "0"
	if name != trimVal(name) {
		prefix = "1"
	}
	base := trimVal(name)
	order := append([]string{"loss"}, append(ClassificationMetrics, RegressionMetrics...)...)
	if i := slices.Index(order, base); i >= 0 {
		return fmt.Sprintf("%s%02d", prefix, i)
	}
	return prefix + "99" + base
}
