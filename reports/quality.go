package reports

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/internal/metrics"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

// The model-quality charts: how a classifier's or regressor's predictions
// compare with the truth, from predictions and labels, so that they work
// for any model. Classification inputs are as in internal/metrics: y holds
// class indices 0 … k−1 and p the predicted probabilities, one column
// P(y = 1) for a binary classifier (or two columns), one per class
// otherwise.

// Labels of the quality charts, in English and Chinese.
const (
	labelFPR        = "false positive rate / 假阳性率"
	labelTPR        = "true positive rate / 真阳性率"
	labelRecall     = "recall / 召回率"
	labelPrecision  = "precision / 精确率"
	labelChance     = "chance / 随机"
	labelMeanPred   = "mean predicted probability / 平均预测概率"
	labelObserved   = "observed rate / 实际比例"
	labelPerfect    = "perfectly calibrated / 完美校准"
	labelShare      = "share of class / 类内占比"
	labelPredClass  = "predicted class / 预测类别"
	labelTrueClass  = "true class / 真实类别"
	labelPredicted  = "predicted / 预测值"
	labelActual     = "actual / 实际值"
	labelResidual   = "residual: actual − predicted / 残差"
	labelIdentity   = "predicted = actual / 完全准确"
	labelThreshold  = "threshold 0.5 / 阈值"
	titleConfusion  = "Confusion matrix / 混淆矩阵"
	titleROC        = "ROC curve / ROC 曲线"
	titlePR         = "Precision–recall / 精确率–召回率"
	titleCalib      = "Calibration / 校准"
	titleScores     = "Score distributions / 分数分布"
	titleResiduals  = "Residuals / 残差"
	titlePredActual = "Predicted vs actual / 预测值与实际值"
)

// Size of each quality panel, in pixels.
const qualityW, qualityH = 400, 330

// classInput is a checked classification input.
type classInput struct {
	y     []float64
	c     []int
	p     [][]float64
	k     int      // classes
	names []string // one per class
}

// binary reports whether p is a binary classifier's.
func (in classInput) binary() bool { return len(in.p[0]) <= 2 }

// column returns the column of p that scores class j.
func (in classInput) column(j int) int {
	if len(in.p[0]) == 1 {
		return 0
	}
	return j
}

// score returns P(class j) of every row, and whether the row is of class j.
func (in classInput) score(j int) ([]float64, []bool) {
	s, pos := make([]float64, len(in.c)), make([]bool, len(in.c))
	for i, row := range in.p {
		s[i], pos[i] = row[in.column(j)], in.c[i] == j
		if len(row) == 1 && j == 0 {
			s[i] = 1 - row[0]
		}
	}
	return s, pos
}

// positives are the classes that get a curve: class 1 of a binary
// classifier, each class otherwise.
func (in classInput) positives() []int {
	if in.binary() {
		return []int{1}
	}
	out := make([]int, in.k)
	for j := range out {
		out[j] = j
	}
	return out
}

// checkClasses checks y and p (see internal/metrics) and names the classes:
// names[j], or j where names is short or empty.
func checkClasses(y []float64, p [][]float64, names []string) (classInput, error) {
	if len(y) == 0 {
		return classInput{}, errors.New("no rows")
	}
	if _, _, err := metrics.Scores(y, p, 0, 0); err != nil {
		return classInput{}, err
	}
	in := classInput{y: y, p: p, k: max(len(p[0]), 2)}
	for _, row := range p {
		for _, v := range row {
			if v < 0 || v > 1 {
				return classInput{}, fmt.Errorf("a prediction is %v; want probabilities in [0,1]", v)
			}
		}
	}
	in.c = make([]int, len(y))
	for i, v := range y {
		in.c[i] = int(v)
	}
	in.names = make([]string, in.k)
	for j := range in.names {
		in.names[j] = strconv.Itoa(j)
		if j < len(names) && names[j] != "" {
			in.names[j] = names[j]
		}
	}
	return in, nil
}

// notDefined says why a chart is not defined, without package prefixes.
func notDefined(err error) string {
	msg := err.Error()
	for _, prefix := range []string{"metrics: undefined: ", "metrics: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return "not defined: " + msg
}

// output renders a panel, or a note with the reason it is not defined.
func output(title string, p Panel, text string, err error) kernel.Output {
	if err != nil {
		return kernel.Output{SVG: (&Note{Title: title, Message: notDefined(err)}).SVG(), Text: title + ": " + notDefined(err)}
	}
	return figure(1, text, p)
}

// panelOr returns p, or a note with the reason it is not defined.
func panelOr(title string, p Panel, err error) Panel {
	if err != nil {
		return &Note{Title: title, Message: notDefined(err), Width: qualityW, Height: qualityH}
	}
	return p
}

// baseHeader is the header height of a quality panel with a title, a
// subtitle and one legend row.
var baseHeader = chartFrame{title: "t", subtitle: "s", w: qualityW, legend: []Series{{Name: "l"}}}.headerHeight()

// growForLegend makes a chart taller by the legend rows beyond one, so
// that its plot keeps its size.
func growForLegend(c *Chart) {
	f := c.frame()
	c.Height = qualityH + int(math.Ceil(max(f.headerHeight()-baseHeader, 0)))
}

// evenRows makes the panels of each row of cols as tall as needed for
// their plots to keep their size when Grid starts them all below the
// row's tallest header.
func evenRows(cols int, panels []Panel) {
	for r := 0; r < len(panels); r += cols {
		row := panels[r:min(r+cols, len(panels))]
		top := 0.0
		for _, p := range row {
			top = max(top, p.frame().headerHeight())
		}
		for _, p := range row {
			extra := int(math.Ceil(max(top-baseHeader, 0)))
			switch p := p.(type) {
			case *Chart:
				p.Height = qualityH + extra
			case *Matrix:
				p.Height = qualityH + extra
			case *Note:
				p.Height = qualityH + extra
			}
		}
	}
}

func pct(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" }

func f3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// Confusion draws the confusion matrix of a classifier: a row per true
// class, a column per predicted class (P(y=1) ≥ 0.5 for one probability
// column, the most probable class otherwise), each cell with its count and
// its share of the row (the recall of the row's class on the diagonal),
// shaded by that share. classNames name the classes by index.
func Confusion(y []float64, pred [][]float64, classNames []string) kernel.Output {
	m, text, err := confusionPanel(y, pred, classNames)
	return output(titleConfusion, m, text, err)
}

func confusionPanel(y []float64, pred [][]float64, classNames []string) (*Matrix, string, error) {
	in, err := checkClasses(y, pred, classNames)
	if err != nil {
		return nil, "", err
	}
	counts := make([][]int, in.k)
	for j := range counts {
		counts[j] = make([]int, in.k)
	}
	hits := 0
	for i, row := range in.p {
		pc := metrics.PredictedClass(row)
		counts[in.c[i]][pc]++
		if pc == in.c[i] {
			hits++
		}
	}
	rule := "arg max"
	if len(in.p[0]) == 1 {
		rule = "P ≥ 0.5"
	}
	m := &Matrix{Title: titleConfusion, XLabel: labelPredClass, YLabel: labelTrueClass, Rows: in.names, Cols: in.names,
		Subtitle: fmt.Sprintf("n = %d · accuracy %s · %s · %% of true class", len(y), pct(float64(hits)/float64(len(y))), rule),
		Width:    qualityW, Height: qualityH}
	var tb strings.Builder
	fmt.Fprintf(&tb, "confusion matrix (rows: true class, columns: predicted; n = %d, accuracy %s)\n", len(y), pct(float64(hits)/float64(len(y))))
	nameW := 10
	for _, n := range in.names {
		nameW = max(nameW, len([]rune(n)))
	}
	fmt.Fprintf(&tb, "%-*s", nameW, "true\\pred")
	for _, n := range in.names {
		fmt.Fprintf(&tb, " %*s", max(len([]rune(n)), 14), n)
	}
	tb.WriteString("\n")
	for r := range in.k {
		total := 0
		for _, v := range counts[r] {
			total += v
		}
		var texts, tips []string
		var shades []float64
		fmt.Fprintf(&tb, "%-*s", nameW, in.names[r])
		for c := range in.k {
			share := math.NaN()
			if total > 0 {
				share = float64(counts[r][c]) / float64(total)
			}
			s := "—"
			if total > 0 {
				s = pct(share)
			}
			texts = append(texts, fmt.Sprintf("%d\n%s", counts[r][c], s))
			tips = append(tips, fmt.Sprintf("true / 真实: %s\npredicted / 预测: %s\ncount / 数量: %d\nshare of row / 行占比: %s", in.names[r], in.names[c], counts[r][c], s))
			shades = append(shades, max(share, 0)) // NaN → 0
			fmt.Fprintf(&tb, " %*s", max(len([]rune(in.names[c])), 14), fmt.Sprintf("%d (%s)", counts[r][c], s))
		}
		tb.WriteString("\n")
		m.Text, m.Tips, m.Shade = append(m.Text, texts), append(m.Tips, tips), append(m.Shade, shades)
	}
	return m, strings.TrimRight(tb.String(), "\n"), nil
}

// square01 makes a chart's axes span [0, 1].
func square01(c *Chart) {
	c.XMin, c.XMax, c.YMin, c.YMax = 0, 1, 0, 1
}

// ROC draws the ROC curve of a binary classifier (class 1 positive) or,
// with three or more probability columns, one one-vs-rest curve per class,
// each with its AUC (as internal/metrics computes it) in the legend, and
// the chance diagonal dashed. classNames name the classes by index.
func ROC(y []float64, p [][]float64, classNames ...string) kernel.Output {
	c, text, err := rocPanel(y, p, classNames)
	return output(titleROC, c, text, err)
}

func rocPanel(y []float64, p [][]float64, classNames []string) (*Chart, string, error) {
	in, err := checkClasses(y, p, classNames)
	if err != nil {
		return nil, "", err
	}
	c := &Chart{Title: titleROC, XLabel: labelFPR, YLabel: labelTPR, Width: qualityW, Height: qualityH}
	square01(c)
	var tb strings.Builder
	tb.WriteString("ROC AUC")
	var skipped []string
	for _, j := range in.positives() {
		s, pos := in.score(j)
		fpr, tpr, auc, err := rocCurve(s, pos)
		if err != nil {
			if in.binary() {
				return nil, "", err
			}
			skipped = append(skipped, in.names[j])
			continue
		}
		name := fmt.Sprintf("%s (AUC %s)", in.names[j], f3(auc))
		if in.binary() {
			name = fmt.Sprintf("AUC %s (positive: %s)", f3(auc), in.names[j])
		}
		c.Series = append(c.Series, Series{Name: name, X: fpr, Y: tpr, Color: Palette[j%len(Palette)]})
		fmt.Fprintf(&tb, "\n  %s: %s", in.names[j], f3(auc))
	}
	if len(c.Series) == 0 {
		return nil, "", fmt.Errorf("%w: every class is absent or alone in the targets", metrics.ErrUndefined)
	}
	c.Series = append(c.Series, Series{Name: labelChance, NoLegend: true, X: []float64{0, 1}, Y: []float64{0, 1}, Color: "#999", Dashed: true, NoDots: true})
	c.Subtitle = fmt.Sprintf("n = %d", len(y))
	if !in.binary() {
		c.Subtitle += " · one-vs-rest / 一对其余"
	}
	if len(skipped) > 0 {
		c.Subtitle += " · not defined for " + strings.Join(skipped, ", ")
		fmt.Fprintf(&tb, "\n  not defined (class absent or alone): %s", strings.Join(skipped, ", "))
	}
	growForLegend(c)
	return c, tb.String(), nil
}

// rocCurve is the ROC curve of the scores for the rows marked positive
// and its AUC, both as internal/metrics computes them.
func rocCurve(score []float64, pos []bool) (fpr, tpr []float64, auc float64, err error) {
	y, p := make([]float64, len(score)), make([][]float64, len(score))
	c := make([]int, len(score))
	for i, s := range score {
		p[i] = []float64{s}
		if pos[i] {
			y[i], c[i] = 1, 1
		}
	}
	if fpr, tpr, err = metrics.ROC(c, p, 0, 1); err != nil {
		return nil, nil, 0, err
	}
	auc, err = metrics.AUC(y, p)
	return fpr, tpr, auc, err
}

// PrecisionRecall draws the precision–recall curve of a binary classifier
// (class 1 positive) or one-vs-rest curves per class, with the average
// precision in the legend and the positive rate — the precision of a
// classifier that guesses — dashed as the baseline. The curve is drawn as
// the step function whose area is the average precision.
func PrecisionRecall(y []float64, p [][]float64, classNames ...string) kernel.Output {
	c, text, err := prPanel(y, p, classNames)
	return output(titlePR, c, text, err)
}

func prPanel(y []float64, p [][]float64, classNames []string) (*Chart, string, error) {
	in, err := checkClasses(y, p, classNames)
	if err != nil {
		return nil, "", err
	}
	c := &Chart{Title: titlePR, XLabel: labelRecall, YLabel: labelPrecision, Width: qualityW, Height: qualityH}
	square01(c)
	var tb strings.Builder
	tb.WriteString("average precision (baseline: positive rate)")
	var baselines []Series
	var skipped []string
	for _, j := range in.positives() {
		s, pos := in.score(j)
		recall, precision, ap, err := metrics.PRCurve(s, pos)
		if err != nil {
			if in.binary() {
				return nil, "", err
			}
			skipped = append(skipped, in.names[j])
			continue
		}
		// Steps: precision Pₙ over (Rₙ₋₁, Rₙ].
		xs, ys := []float64{0}, []float64{precision[0]}
		for n := range recall {
			if n > 0 {
				xs, ys = append(xs, recall[n-1]), append(ys, precision[n])
			}
			xs, ys = append(xs, recall[n]), append(ys, precision[n])
		}
		rate := float64(count(pos)) / float64(len(pos))
		color := Palette[j%len(Palette)]
		name := fmt.Sprintf("%s (AP %s)", in.names[j], f3(ap))
		if in.binary() {
			name = fmt.Sprintf("AP %s (positive: %s)", f3(ap), in.names[j])
		}
		c.Series = append(c.Series, Series{Name: name, X: xs, Y: ys, Color: color, NoDots: true})
		bl := Series{Name: fmt.Sprintf("baseline %s: positive rate %s / 基线", in.names[j], f3(rate)), X: []float64{0, 1}, Y: []float64{rate, rate}, Color: color, Dashed: true, NoDots: true}
		if in.binary() {
			bl.Name = fmt.Sprintf("baseline %s / 基线", f3(rate))
		} else {
			bl.NoLegend = true
		}
		baselines = append(baselines, bl)
		fmt.Fprintf(&tb, "\n  %s: AP %s (baseline %s)", in.names[j], f3(ap), f3(rate))
	}
	if len(c.Series) == 0 {
		return nil, "", fmt.Errorf("%w: no class has positive rows", metrics.ErrUndefined)
	}
	c.Series = append(c.Series, baselines...)
	c.Subtitle = fmt.Sprintf("n = %d · dashed: positive rate", len(y))
	if !in.binary() {
		c.Subtitle += " · one-vs-rest / 一对其余"
	}
	if len(skipped) > 0 {
		c.Subtitle += " · not defined for " + strings.Join(skipped, ", ")
		fmt.Fprintf(&tb, "\n  not defined (class absent): %s", strings.Join(skipped, ", "))
	}
	growForLegend(c)
	return c, tb.String(), nil
}

func count(v []bool) int {
	n := 0
	for _, b := range v {
		if b {
			n++
		}
	}
	return n
}

// Calibration draws the reliability diagram of a binary classifier: the
// predicted probabilities of class 1 split into bins equal-width bins
// (default 10), each a point at the bin's mean predicted probability and
// observed rate of class 1, its count in the tooltip, against the
// diagonal of perfect calibration; with three or more probability columns,
// a one-vs-rest line per class. The subtitle gives the Brier score.
func Calibration(y []float64, p [][]float64, bins int, classNames ...string) kernel.Output {
	c, text, err := calibrationPanel(y, p, bins, classNames)
	return output(titleCalib, c, text, err)
}

func calibrationPanel(y []float64, p [][]float64, bins int, classNames []string) (*Chart, string, error) {
	in, err := checkClasses(y, p, classNames)
	if err != nil {
		return nil, "", err
	}
	if bins <= 0 {
		bins = 10
	}
	c := &Chart{Title: titleCalib, XLabel: labelMeanPred, YLabel: labelObserved, Width: qualityW, Height: qualityH}
	square01(c)
	var tb strings.Builder
	fmt.Fprintf(&tb, "calibration, %d bins: class, bin, rows, mean predicted, observed rate", bins)
	brier := 0.0
	for _, j := range in.positives() {
		s, pos := in.score(j)
		bs, err := metrics.CalibrationBins(s, pos, bins)
		if err != nil {
			return nil, "", err
		}
		for i, v := range s {
			d := v
			if pos[i] {
				d = v - 1
			}
			brier += d * d
		}
		var xs, ys []float64
		var tips []string
		for _, b := range bs {
			if b.Count == 0 {
				continue
			}
			xs, ys = append(xs, b.Predicted), append(ys, b.Observed)
			tip := fmt.Sprintf("%s [%s, %s]: %d rows / 行\nmean predicted / 平均预测: %s\nobserved / 实际: %s",
				in.names[j], formatValue(b.Lo), formatValue(b.Hi), b.Count, f3(b.Predicted), f3(b.Observed))
			tips = append(tips, tip)
			fmt.Fprintf(&tb, "\n  %s  [%.2f, %.2f]  %5d  %s  %s", in.names[j], b.Lo, b.Hi, b.Count, f3(b.Predicted), f3(b.Observed))
		}
		name := "class " + in.names[j]
		c.Series = append(c.Series, Series{Name: name, X: xs, Y: ys, Tips: tips, Color: Palette[j%len(Palette)]})
	}
	brier /= float64(len(y) * len(in.positives()))
	c.Series = append(c.Series, Series{Name: labelPerfect, X: []float64{0, 1}, Y: []float64{0, 1}, Color: "#999", Dashed: true, NoDots: true})
	c.Subtitle = fmt.Sprintf("n = %d · %d bins · Brier score %s · hover a point for its rows", len(y), bins, f3(brier))
	fmt.Fprintf(&tb, "\n  Brier score %s", f3(brier))
	return c, tb.String(), nil
}

// scoreBins is the number of bins of ScoreDistributions.
const scoreBins = 20

// ScoreDistributions draws, for a binary classifier, the histogram of the
// predicted P(class 1) of the rows of each true class, as shares of the
// class so that a rare class is seen, with the 0.5 threshold marked; with
// three or more probability columns, of the probability each row's true
// class was given.
func ScoreDistributions(y []float64, p [][]float64, classNames ...string) kernel.Output {
	c, text, err := scoresPanel(y, p, classNames)
	return output(titleScores, c, text, err)
}

func scoresPanel(y []float64, p [][]float64, classNames []string) (*Chart, string, error) {
	in, err := checkClasses(y, p, classNames)
	if err != nil {
		return nil, "", err
	}
	xLabel := fmt.Sprintf("predicted P(%s) / 预测概率", in.names[1])
	if !in.binary() {
		xLabel = "predicted P(true class) / 真实类别的预测概率"
	}
	c := &Chart{Title: titleScores, XLabel: xLabel, YLabel: labelShare, Width: qualityW, Height: qualityH, XMin: 0, XMax: 1}
	var tb strings.Builder
	fmt.Fprintf(&tb, "%s: rows per bin of width %s, by true class", xLabel, formatValue(1.0/scoreBins))
	for j := range in.k {
		counts := make([]int, scoreBins)
		n := 0
		for i, row := range in.p {
			if in.c[i] != j {
				continue
			}
			v := row[in.column(1)]
			if !in.binary() {
				v = row[j]
			}
			counts[min(int(v*scoreBins), scoreBins-1)]++
			n++
		}
		if n == 0 {
			fmt.Fprintf(&tb, "\n  %s: no rows", in.names[j])
			continue
		}
		xs, ys := []float64{0}, []float64{0}
		for b, k := range counts {
			share := float64(k) / float64(n)
			lo, hi := float64(b)/scoreBins, float64(b+1)/scoreBins
			xs, ys = append(xs, lo, hi), append(ys, share, share)
		}
		xs, ys = append(xs, 1), append(ys, 0)
		c.Series = append(c.Series, Series{Name: fmt.Sprintf("true %s (n = %d)", in.names[j], n), X: xs, Y: ys,
			Color: Palette[j%len(Palette)], Fill: true, NoDots: true})
		fmt.Fprintf(&tb, "\n  %s (n = %d):", in.names[j], n)
		for _, k := range counts {
			fmt.Fprintf(&tb, " %d", k)
		}
	}
	c.Subtitle = fmt.Sprintf("n = %d · %d bins · each class sums to 1", len(y), scoreBins)
	if in.binary() {
		c.Markers = []Marker{{X: 0.5, Label: labelThreshold}}
	}
	return c, tb.String(), nil
}

// checkRegressionInput checks targets and predictions of a regression.
func checkRegressionInput(y, pred []float64) error {
	if len(y) == 0 {
		return errors.New("no rows")
	}
	if len(pred) != len(y) {
		return fmt.Errorf("%d predictions for %d targets", len(pred), len(y))
	}
	for i := range y {
		if !finite(y[i]) || !finite(pred[i]) {
			return fmt.Errorf("row %d: target %v, prediction %v; want finite numbers", i, y[i], pred[i])
		}
	}
	return nil
}

// regressionSummary returns RMSE, MAE and R² (or why R² is undefined).
func regressionSummary(y, pred []float64) string {
	yy, pp := make([][]float64, len(y)), make([][]float64, len(y))
	for i := range y {
		yy[i], pp[i] = []float64{y[i]}, []float64{pred[i]}
	}
	rmse, _ := metrics.RMSE(yy, pp)
	mae, _ := metrics.MAE(yy, pp)
	r2 := "R² not defined (constant targets)"
	if v, err := metrics.R2(yy, pp); err == nil {
		r2 = "R² " + f3(v)
	}
	return fmt.Sprintf("n = %d · %s · RMSE %s · MAE %s", len(y), r2, formatValue(rmse), formatValue(mae))
}

// PredictedVsActual draws a regressor's predictions against the targets,
// one dot per row, with the identity line predicted = actual, on axes of
// the same range; the subtitle gives R², RMSE and MAE.
func PredictedVsActual(y, pred []float64) kernel.Output {
	c, text, err := predActualPanel(y, pred)
	return output(titlePredActual, c, text, err)
}

func predActualPanel(y, pred []float64) (*Chart, string, error) {
	if err := checkRegressionInput(y, pred); err != nil {
		return nil, "", err
	}
	var d domain
	for i := range y {
		d.add(y[i])
		d.add(pred[i])
	}
	a := d.axis(5, false)
	sum := regressionSummary(y, pred)
	c := &Chart{Title: titlePredActual, Subtitle: sum, XLabel: labelActual, YLabel: labelPredicted, Width: qualityW, Height: qualityH,
		XMin: a.lo, XMax: a.hi, YMin: a.lo, YMax: a.hi}
	c.Series = []Series{
		{Name: "rows / 行", NoLegend: true, X: y, Y: pred, Color: Palette[0], Scatter: true},
		{Name: labelIdentity, X: []float64{a.lo, a.hi}, Y: []float64{a.lo, a.hi}, Color: "#999", Dashed: true, NoDots: true},
	}
	return c, "predicted vs actual: " + sum, nil
}

// Residuals draws a regressor's residuals (actual − predicted) against its
// predictions, one dot per row, with the zero line: a pattern, a funnel or
// a slope shows what the model misses.
func Residuals(y, pred []float64) kernel.Output {
	c, text, err := residualsPanel(y, pred)
	return output(titleResiduals, c, text, err)
}

func residualsPanel(y, pred []float64) (*Chart, string, error) {
	if err := checkRegressionInput(y, pred); err != nil {
		return nil, "", err
	}
	res := make([]float64, len(y))
	lo, hi, mean := math.Inf(1), math.Inf(-1), 0.0
	for i := range y {
		res[i] = y[i] - pred[i]
		lo, hi = min(lo, pred[i]), max(hi, pred[i])
		mean += res[i]
	}
	mean /= float64(len(y))
	sum := regressionSummary(y, pred)
	d := domain{}
	d.add(lo)
	d.add(hi)
	a := d.axis(5, false) // the zero line spans the whole plot
	c := &Chart{Title: titleResiduals, Subtitle: sum, XLabel: labelPredicted, YLabel: labelResidual, Width: qualityW, Height: qualityH,
		XMin: a.lo, XMax: a.hi}
	if a.lo == 0 && a.hi == 0 {
		c.XMax = 1
	}
	c.Series = []Series{
		{Name: "rows / 行", NoLegend: true, X: pred, Y: res, Color: Palette[0], Scatter: true},
		{Name: "zero / 零", NoLegend: true, X: []float64{a.lo, a.hi}, Y: []float64{0, 0}, Color: "#666", Dashed: true, NoDots: true},
	}
	return c, fmt.Sprintf("residuals: mean %s; %s", formatValue(mean), sum), nil
}

// Quality shows how well a run made by ml.Train predicts the rows of f
// (which must have the run's feature columns and its target): for a binary
// classifier the confusion matrix, ROC and precision–recall curves,
// calibration and score distributions; for a multiclass one the confusion
// matrix and one-vs-rest ROC and precision–recall curves; for a regressor
// predicted vs actual and the residuals — laid out as one SVG. Rows
// without a target are left out and counted. A chart that is not defined
// for the rows (a class absent) shows why instead.
func Quality(run *ml.Run, f *data.Frame) (kernel.Output, error) {
	if run == nil || f == nil {
		return kernel.Output{}, errors.New("reports: Quality: nil run or frame")
	}
	if run.Config.Data == nil {
		return kernel.Output{}, errors.New("reports: Quality: the run has no data description (it was written by Sequential.Fit, not Train): draw the charts from predictions with Confusion, ROC, … or Residuals")
	}
	dc := run.Config.Data
	target := dc.Target
	all := f.Len()
	f, _, err := f.DropMissing(target)
	if err != nil {
		return kernel.Output{}, fmt.Errorf("reports: Quality: %w", err)
	}
	if f.Len() == 0 {
		return kernel.Output{}, fmt.Errorf("reports: Quality: no row of the frame has the target %q", target)
	}
	p, err := run.PredictFrame(f)
	if err != nil {
		return kernel.Output{}, fmt.Errorf("reports: Quality: %w", err)
	}
	head := fmt.Sprintf("model quality on %d rows, target %q (%s)", f.Len(), target, run.Config.Task)
	if dropped := all - f.Len(); dropped > 0 {
		head += fmt.Sprintf("; %d rows without a target left out", dropped)
	}
	var panels []Panel
	var texts []string
	add := func(title string, p Panel, text string, err error) {
		panels = append(panels, panelOr(title, p, err))
		if err != nil {
			text = title + ": " + notDefined(err)
		}
		texts = append(texts, text)
	}
	cols := 3
	switch run.Config.Task {
	case ml.TaskBinary, ml.TaskMulticlass:
		y, err := run.Targets(f)
		if err != nil {
			return kernel.Output{}, fmt.Errorf("reports: Quality: %w", err)
		}
		{
			m, t, err := confusionPanel(y, p, dc.Classes)
			add(titleConfusion, m, t, err)
		}
		{
			c, t, err := rocPanel(y, p, dc.Classes)
			add(titleROC, c, t, err)
		}
		{
			c, t, err := prPanel(y, p, dc.Classes)
			add(titlePR, c, t, err)
		}
		if run.Config.Task == ml.TaskBinary {
			{
				c, t, err := calibrationPanel(y, p, 10, dc.Classes)
				add(titleCalib, c, t, err)
			}
			{
				c, t, err := scoresPanel(y, p, dc.Classes)
				add(titleScores, c, t, err)
			}
		}
	case ml.TaskRegression:
		y, err := data.RegressionTarget(f, target)
		if err != nil {
			return kernel.Output{}, fmt.Errorf("reports: Quality: %w", err)
		}
		pred := make([]float64, len(p))
		for i, row := range p {
			pred[i] = row[0]
		}
		{
			c, t, err := predActualPanel(y, pred)
			add(titlePredActual, c, t, err)
		}
		{
			c, t, err := residualsPanel(y, pred)
			add(titleResiduals, c, t, err)
		}
		cols = 2
	default:
		return kernel.Output{}, fmt.Errorf("reports: Quality: unknown task %q", run.Config.Task)
	}
	evenRows(cols, panels)
	return figure(cols, head+"\n\n"+strings.Join(texts, "\n\n"), panels...), nil
}
