package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate"
	"gonum.org/v1/gonum/stat"
)

// Accuracy is the share of rows whose predicted class (P(y=1) ≥ ½ with one
// column, else the arg-max column) is the true class.
func Accuracy(y []float64, p [][]float64) (float64, error) {
	_, c, err := classes(y, p)
	if err != nil {
		return 0, err
	}
	hits := 0
	for i, row := range p {
		if PredictedClass(row) == c[i] {
			hits++
		}
	}
	return float64(hits) / float64(len(y)), nil
}

// LogLoss is −(1/n) Σᵢ log p(yᵢ), the predicted probability of the true
// class clipped to [1e−15, 1 − 1e−15] (scikit-learn's clipping).
func LogLoss(y []float64, p [][]float64) (float64, error) {
	_, c, err := classes(y, p)
	if err != nil {
		return 0, err
	}
	const eps = 1e-15
	sum := 0.0
	for i, row := range p {
		sum -= math.Log(min(max(probability(row, c[i]), eps), 1-eps))
	}
	return sum / float64(len(y)), nil
}

// PrecisionRecallF1 returns precision = TP/(TP+FP), recall = TP/(TP+FN)
// and F1 = 2PR/(P+R), each 0 when its denominator is 0: of class 1 for a
// binary classifier, macro-averaged over the classes otherwise.
func PrecisionRecallF1(y []float64, p [][]float64) (precision, recall, f1 float64, err error) {
	k, c, err := classes(y, p)
	if err != nil {
		return 0, 0, 0, err
	}
	tp, fp, fn := make([]float64, k), make([]float64, k), make([]float64, k)
	for i, row := range p {
		pc := PredictedClass(row)
		if pc == c[i] {
			tp[pc]++
			continue
		}
		fp[pc]++
		fn[c[i]]++
	}
	positive := []int{1}
	if len(p[0]) > 2 {
		positive = make([]int, k)
		for j := range positive {
			positive[j] = j
		}
	}
	for _, j := range positive {
		pr, rc := ratio(tp[j], tp[j]+fp[j]), ratio(tp[j], tp[j]+fn[j])
		precision += pr
		recall += rc
		f1 += ratio(2*pr*rc, pr+rc)
	}
	n := float64(len(positive))
	return precision / n, recall / n, f1 / n, nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// AUC is the area under the ROC curve: the probability that a random
// positive scores above a random negative, ties counting one half. For a
// binary classifier the score is P(y=1) (the single column, or column 1 of
// two); with three or more columns it is the one-vs-rest macro average over
// the classes. The curve is gonum's stat.ROC over every distinct score and
// the area its trapezoidal integral. When a class is absent it is undefined
// (an error wrapping ErrUndefined).
func AUC(y []float64, p [][]float64) (float64, error) {
	k, c, err := classes(y, p)
	if err != nil {
		return 0, err
	}
	if len(p[0]) <= 2 {
		col := len(p[0]) - 1
		return aucOf(c, p, col, 1)
	}
	sum := 0.0
	for class := range k {
		a, err := aucOf(c, p, class, class)
		if err != nil {
			return 0, err
		}
		sum += a
	}
	return sum / float64(k), nil
}

// aucOf is the AUC of column col as a score for "class == positive".
func aucOf(c []int, p [][]float64, col, positive int) (float64, error) {
	fpr, tpr, err := ROC(c, p, col, positive)
	if err != nil {
		return 0, err
	}
	return integrate.Trapezoidal(fpr, tpr), nil
}

// ROC returns the receiver operating characteristic of column col of p as
// a score for "class == positive": false and true positive rates, both
// ascending from (0, 0) to (1, 1), one point per distinct score. It is
// undefined (an error wrapping ErrUndefined) when no row or every row is of
// the positive class.
func ROC(c []int, p [][]float64, col, positive int) (fpr, tpr []float64, err error) {
	score := make([]float64, len(c))
	pos := make([]bool, len(c))
	npos := 0
	for i, row := range p {
		score[i], pos[i] = row[col], c[i] == positive
		if pos[i] {
			npos++
		}
	}
	if npos == 0 || npos == len(c) {
		return nil, nil, fmt.Errorf("%w: AUC needs both classes; the targets hold one class only (%s)", ErrUndefined, onlyClass(npos > 0, positive))
	}
	stat.SortWeightedLabeled(score, pos, nil)
	tpr, fpr, _ = stat.ROC(nil, score, pos, nil)
	return fpr, tpr, nil
}

func onlyClass(positive bool, class int) string {
	if positive {
		return fmt.Sprintf("class %d", class)
	}
	return fmt.Sprintf("classes other than %d", class)
}
