package ml

import (
	"fmt"
	"math"
	"slices"
	"sort"
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

// Evaluate computes every metric of task for predictions pred against
// labels y (both rows × outputs; for TaskMulticlass y is one-hot).
//
// Classification (binary: P(y=1) ≥ 0.5 predicts 1; multi-class: argmax):
// accuracy = correct/n; precision = TP/(TP+FP), recall = TP/(TP+FN),
// f1 = 2PR/(P+R), each 0 when its denominator is 0 and macro-averaged over
// classes for multi-class; auc = the probability that a random positive
// scores above a random negative (ties count ½; one-vs-rest macro average
// for multi-class; NaN when a class is absent); log_loss = −mean log p(true
// class), p clipped to [1e-15, 1−1e-15].
//
// Regression (averaged over outputs): rmse = √mean(ŷ−y)², mae = mean|ŷ−y|,
// r2 = 1 − Σ(ŷ−y)²/Σ(y−ȳ)².
func Evaluate(task Task, pred, y [][]float64) Metrics {
	if task == TaskRegression {
		return regressionMetrics(pred, y)
	}
	return classificationMetrics(task, pred, y)
}

func regressionMetrics(pred, y [][]float64) Metrics {
	n := len(y)
	k := len(y[0])
	var rmse, mae, r2 float64
	for j := 0; j < k; j++ {
		var mean float64
		for i := range y {
			mean += y[i][j]
		}
		mean /= float64(n)
		var sse, sae, sst float64
		for i := range y {
			d := pred[i][j] - y[i][j]
			sse += d * d
			sae += math.Abs(d)
			sst += (y[i][j] - mean) * (y[i][j] - mean)
		}
		rmse += math.Sqrt(sse / float64(n))
		mae += sae / float64(n)
		if sst > 0 {
			r2 += 1 - sse/sst
		} else {
			r2 += math.NaN()
		}
	}
	f := float64(k)
	return Metrics{"rmse": rmse / f, "mae": mae / f, "r2": r2 / f}
}

// classOf returns the predicted and the true class of row i.
func classOf(task Task, p, y []float64) (pred, truth int) {
	if task == TaskBinary {
		if p[0] >= 0.5 {
			pred = 1
		}
		if y[0] >= 0.5 {
			truth = 1
		}
		return
	}
	return argmax(p), argmax(y)
}

func argmax(v []float64) int {
	best := 0
	for j := range v {
		if v[j] > v[best] {
			best = j
		}
	}
	return best
}

func classificationMetrics(task Task, pred, y [][]float64) Metrics {
	n := len(y)
	k := 2
	if task == TaskMulticlass {
		k = len(y[0])
	}
	confusion := make([][]float64, k) // [truth][pred]
	for c := range confusion {
		confusion[c] = make([]float64, k)
	}
	var correct, logLoss float64
	for i := range y {
		pc, tc := classOf(task, pred[i], y[i])
		confusion[tc][pc]++
		if pc == tc {
			correct++
		}
		var p float64
		if task == TaskBinary {
			p = pred[i][0]
			if tc == 0 {
				p = 1 - p
			}
		} else {
			p = pred[i][tc]
		}
		logLoss -= math.Log(min(max(p, 1e-15), 1-1e-15))
	}
	m := Metrics{"accuracy": correct / float64(n), "log_loss": logLoss / float64(n)}
	classes := []int{1}
	if task == TaskMulticlass {
		classes = make([]int, k)
		for c := range classes {
			classes[c] = c
		}
	}
	var precision, recall, f1, auc float64
	for _, c := range classes {
		var tp, fp, fn float64
		tp = confusion[c][c]
		for o := 0; o < k; o++ {
			if o != c {
				fp += confusion[o][c]
				fn += confusion[c][o]
			}
		}
		p, r := safeDiv(tp, tp+fp), safeDiv(tp, tp+fn)
		precision += p
		recall += r
		f1 += safeDiv(2*p*r, p+r)
		scores := make([]float64, n)
		positive := make([]bool, n)
		for i := range y {
			if task == TaskBinary {
				scores[i], positive[i] = pred[i][0], y[i][0] >= 0.5
			} else {
				scores[i], positive[i] = pred[i][c], argmax(y[i]) == c
			}
		}
		auc += rocAUC(scores, positive)
	}
	f := float64(len(classes))
	m["precision"], m["recall"], m["f1"], m["auc"] = precision/f, recall/f, f1/f, auc/f
	return m
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// rocAUC is the Mann–Whitney estimate of the area under the ROC curve:
// (Σ ranks of positives − n₊(n₊+1)/2)/(n₊·n₋), with average ranks for ties.
func rocAUC(scores []float64, positive []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var rankSum, nPos float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		avgRank := float64(i+j+1) / 2 // ranks i+1 … j
		for t := i; t < j; t++ {
			if positive[idx[t]] {
				rankSum += avgRank
				nPos++
			}
		}
		i = j
	}
	nNeg := float64(len(scores)) - nPos
	if nPos == 0 || nNeg == 0 {
		return math.NaN()
	}
	return (rankSum - nPos*(nPos+1)/2) / (nPos * nNeg)
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
