package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The report's message catalogue: every heading, label, caption and
// sentence of the HTML report in English and Chinese. Messages are
// fmt formats; their arguments are numbers already formatted for the
// language (see lang.num) or strings from the data, which the renderer
// escapes after formatting.

// Report languages.
const (
	LangEnglish = "en"
	LangChinese = "zh"
)

type lang string

var catalogue = map[string][2]string{
	// Document.
	"title.default": {"Model explanation report: %s", "模型解释报告：%s"},
	"subtitle":      {"Predicting %s · %s · %s rows", "预测 %s · %s · %s 行"},
	"generated":     {"Generated %s", "生成于 %s"},
	"toc":           {"Contents", "目录"},
	"rownote":       {"Rows are numbered from 0 in the order of the table.", "行号从 0 开始，按表格中的顺序编号。"},

	// Sections.
	"s.card":     {"Model card", "模型卡片"},
	"s.data":     {"Data", "数据"},
	"s.perf":     {"Performance", "模型表现"},
	"s.curves":   {"Training curves", "训练曲线"},
	"s.global":   {"Global importance", "全局特征重要性"},
	"s.dep":      {"Dependence plots", "依赖图"},
	"s.local":    {"Local explanations", "单行预测解释"},
	"s.agree":    {"SHAP and LIME agreement", "SHAP 与 LIME 的一致性"},
	"s.score":    {"Transparency scorecard", "透明度评分卡"},
	"s.repro":    {"Reproducibility", "可复现性"},
	"h.purpose":  {"Purpose", "用途"},
	"h.cdata":    {"Data", "数据"},
	"h.config":   {"Training configuration", "训练配置"},
	"h.use":      {"Intended use", "预期用途"},
	"h.limits":   {"Limitations", "局限性"},
	"h.summary":  {"Summary of the table", "数据表概览"},
	"h.roles":    {"Column roles", "列的角色"},
	"h.quality":  {"Data-quality findings", "数据质量检查结果"},
	"h.notes":    {"Notes", "备注"},
	"h.metrics":  {"Metrics per split", "各数据划分上的指标"},
	"h.qcharts":  {"Quality charts on the report's table", "报告数据表上的质量图表"},
	"h.shapimp":  {"Mean |SHAP value|", "平均 |SHAP 值|"},
	"h.beeswarm": {"SHAP values of every row", "每一行的 SHAP 值"},
	"h.permimp":  {"Permutation importance", "置换重要性"},
	"h.row":      {"Row %s", "第 %s 行"},
	"h.software": {"Software", "软件"},
	"h.inputs":   {"Inputs and settings", "输入与设置"},

	// Model card.
	"purpose.default":     {"Estimate %s for each row of a table with the columns %s, so that an analyst can prioritise and understand cases.", "根据包含 %[2]s 列的数据表，为每一行估计 %[1]s，帮助分析人员排序和理解个案。"},
	"use.default":         {"Decision support for analysts on data like the training table: rank and review cases, and read the explanations before acting. Not for fully automated decisions about people.", "面向分析人员的决策支持，适用于与训练数据相似的数据：对个案排序和复核，并在行动前阅读解释。不适用于对个人的全自动决策。"},
	"limits.default":      {"The model learned from %s training rows and only knows the patterns in them; it may be wrong for rows unlike them (new categories, values outside the training range, a changed population). Explanations describe the model, not the world: a feature with a large contribution is what the model relies on, not necessarily a cause.", "模型只从 %s 行训练数据中学习，只掌握其中的规律；对于与训练数据不同的行（新的类别、超出训练范围的数值、人群变化），预测可能出错。解释描述的是模型而不是现实：贡献大的特征是模型所依赖的，不一定是原因。"},
	"k.target":            {"Target", "目标列"},
	"k.task":              {"Task", "任务类型"},
	"k.classes":           {"Classes", "类别"},
	"k.columns":           {"Input columns", "输入列"},
	"k.features":          {"Encoded features", "编码后的特征数"},
	"k.split":             {"Rows (train / validation / test)", "行数（训练 / 验证 / 测试）"},
	"k.dropped":           {"Rows dropped (no target)", "丢弃的行（无目标值）"},
	"k.layers":            {"Layers", "网络层"},
	"k.optimizer":         {"Optimizer, learning rate", "优化器，学习率"},
	"k.loss":              {"Loss", "损失函数"},
	"k.epochs":            {"Epochs (batch size)", "训练轮数（批大小）"},
	"k.best":              {"Best epoch (early stopping)", "最佳轮次（早停）"},
	"k.early":             {"Early stopping", "早停"},
	"k.seed":              {"Training seed", "训练随机种子"},
	"k.reportseed":        {"Report seed", "报告随机种子"},
	"k.created":           {"Run created", "运行创建时间"},
	"k.backend":           {"Backend", "计算后端"},
	"k.hash":              {"Run hash", "运行哈希"},
	"k.rundir":            {"Run directory", "运行目录"},
	"k.datarows":          {"Rows of the report's table", "报告数据表的行数"},
	"k.globalrows":        {"Rows explained for the global views", "全局视图解释的行数"},
	"k.localrows":         {"Rows explained one by one", "逐行解释的行"},
	"k.shap":              {"Kernel SHAP", "Kernel SHAP"},
	"k.shapv":             {"%s coalitions per row, background of %s k-means rows (weighted)", "每行 %s 个特征联盟，背景为 %s 个加权 k-means 行"},
	"k.lime":              {"LIME", "LIME"},
	"k.limev":             {"%s neighbourhood samples per row", "每行 %s 个邻域样本"},
	"k.glassbox":          {"GlassBox", "GlassBox"},
	"k.go":                {"Go", "Go"},
	"k.gomlx":             {"GoMLX", "GoMLX"},
	"k.reproduce":         {"Command", "命令"},
	"task.binary":         {"binary classification", "二分类"},
	"task.multiclass":     {"multiclass classification", "多分类"},
	"task.regression":     {"regression", "回归"},
	"early":               {"patience %s on %s", "监控 %[2]s，耐心值 %[1]s"},
	"none":                {"none", "无"},
	"unknown":             {"unknown", "未知"},
	"dropout":             {"Dropout(%s)", "Dropout(%s)"},
	"rescaling":           {"Rescaling(×%s, +%s)", "Rescaling(×%s, +%s)"},
	"no.pipeline.columns": {"(none recorded)", "（未记录）"},

	// Data.
	"data.personal": {"Left out of this report because they hold personal data: %s.", "以下列含有个人信息，未纳入本报告：%s。"},
	"data.intro":    {"The report's table has %s rows and %s columns. The column roles and data-quality findings below were recorded when the model was trained (quality on the training split, drift against the test split).", "报告所用数据表有 %s 行、%s 列。下面的列角色和数据质量检查结果是在训练模型时记录的（质量基于训练集，漂移相对于测试集）。"},
	"sum.column":    {"column", "列"},
	"sum.kind":      {"kind", "类型"},
	"sum.missing":   {"missing", "缺失"},
	"sum.distinct":  {"distinct", "不同值"},
	"sum.min":       {"min", "最小值"},
	"sum.max":       {"max", "最大值"},
	"sum.mean":      {"mean", "均值"},
	"sum.std":       {"std", "标准差"},
	"sum.top":       {"most frequent", "最常见的值"},
	"sum.balance":   {"Target %s: %s", "目标列 %s 的分布：%s"},
	"no.roles":      {"The run recorded no column roles.", "该运行没有记录列的角色。"},
	"no.quality":    {"The run recorded no data-quality findings.", "该运行没有记录数据质量检查结果。"},
	"no.notes":      {"No notes.", "无备注。"},
	"notes.intro":   {"Recorded by training (in English):", "训练时记录（英文）："},
	"kind.numeric":  {"numeric", "数值"},
	"kind.categ":    {"categorical", "类别"},
	"kind.boolean":  {"yes/no", "是/否"},
	"kind.date":     {"date", "日期"},

	// Performance.
	"perf.metrics":   {"Metrics recorded when the run was trained, on its own train, validation and test splits.", "训练时在训练集、验证集和测试集上记录的指标。"},
	"perf.quality":   {"The charts are computed on all %s rows of the report's table that have the target %s (not only the test split: rows the model was trained on look better than new ones).", "下列图表基于报告数据表中有目标值 %[2]s 的全部 %[1]s 行计算（不仅是测试集：模型训练过的行看起来会比新数据更好）。"},
	"perf.notarget":  {"The report's table has no column %s, so the model's quality on it cannot be measured.", "报告数据表中没有 %s 列，因此无法衡量模型在其上的表现。"},
	"curves.caption": {"Loss and the headline metric per epoch, training (solid) against validation.", "每轮的损失和主要指标：训练集与验证集对比。"},
	"no.history":     {"The run has no training history.", "该运行没有训练历史。"},

	// Global.
	"global.intro":    {"Kernel SHAP explains %s rows of the table (sampled evenly at random with seed %s) for the output %s, in the output's own units. Each feature is an original column of the table.", "Kernel SHAP 解释了数据表中的 %s 行（以随机种子 %s 均匀随机抽样），针对输出 %s，单位与输出相同。每个特征都是数据表的一列原始列。"},
	"global.introall": {"Kernel SHAP explains all %s rows of the table for the output %s, in the output's own units. Each feature is an original column of the table.", "Kernel SHAP 解释了数据表中的全部 %s 行，针对输出 %s，单位与输出相同。每个特征都是数据表的一列原始列。"},
	"imp.caption":     {"The average size of each column's contribution: how much the model's output moves because of it, in either direction.", "每列贡献的平均大小：该列使模型输出（向任一方向）变化的幅度。"},
	"bee.caption":     {"One dot per row (%s rows shown): its position is the column's contribution to that row's prediction, its colour the column's value.", "每个点代表一行（显示 %s 行）：位置表示该列对这一行预测的贡献，颜色表示该列的取值。"},
	"perm.caption":    {"How much the %s drops when one column's values are shuffled among the %s rows (%s repeats): the model's reliance on the column.", "将某一列的值在 %[2]s 行之间打乱后 %[1]s 下降的幅度（重复 %[3]s 次）：反映模型对该列的依赖程度。"},
	"perm.chart":      {"Mean drop over the repeats, with ±1 standard deviation whiskers; a grey bar: shuffling the column helped.", "各次重复的平均下降，误差线为 ±1 标准差；灰色条表示打乱该列反而更好。"},
	"perm.baseline":   {"%s on the unshuffled rows: %s", "未打乱时的 %s：%s"},
	"perm.none":       {"Permutation importance needs the target column %s in the report's table.", "置换重要性需要报告数据表中有目标列 %s。"},
	"dep.intro":       {"For the three most important columns: each row's value of the column (horizontal) against its contribution (vertical), coloured by the column it interacts with most.", "对最重要的三列：横轴为每行该列的取值，纵轴为其贡献，颜色表示与之交互最强的列。"},
	"dep.caption":     {"Dependence of %s on %s.", "%s 对 %s 的依赖关系。"},
	"pdp.caption":     {"Partial dependence on %s: the model's average prediction when every one of %s rows is given the value on the x axis (bold), and each row's own curve (grey, ICE); the grey bars at the bottom show where the rows' values lie.", "%s 的部分依赖：把 %s 行的该列都设为横轴上的取值时模型的平均预测（粗线），以及每一行自己的曲线（灰色，ICE）；底部灰色条表示各行取值的分布。"},
	"global.multi":    {"The model has %s outputs; the global views explain %s.", "模型有 %s 个输出；全局视图解释的是 %s。"},
	"chart.failed":    {"This chart could not be drawn: %s", "无法绘制此图：%s"},
	"section.failed":  {"This part of the report could not be computed: %s", "报告的这一部分无法计算：%s"},

	// Local.
	"local.intro":     {"Each chart starts from the average prediction over the background (E[f(X)]) and adds the contribution of every column to reach the row's prediction f(x). Red raises it, blue lowers it.", "每张图从背景数据上的平均预测 E[f(X)] 出发，逐列加上贡献，得到该行的预测 f(x)。红色表示提高，蓝色表示降低。"},
	"local.chosen":    {"The rows were chosen by the model's confidence: %s the most confident and %s the most uncertain.", "这些行按模型的置信度挑选：%s 行置信度最高，%s 行最不确定。"},
	"local.chosenreg": {"The rows were chosen by the prediction: the highest, the lowest and those nearest the median.", "这些行按预测值挑选：最高、最低以及最接近中位数的行。"},
	"wf.caption":      {"From the average prediction E[f(X)] to this row's prediction f(x): red raises it, blue lowers it.", "从平均预测 E[f(X)] 到该行的预测 f(x)：红色表示提高，蓝色表示降低。"},
	"local.given":     {"The rows were chosen by the report's author.", "这些行由报告作者指定。"},
	"why.confident":   {"most confident", "置信度最高"},
	"why.uncertain":   {"most uncertain", "最不确定"},
	"why.high":        {"highest prediction", "预测值最高"},
	"why.low":         {"lowest prediction", "预测值最低"},
	"why.median":      {"near the median", "接近中位数"},
	"why.given":       {"chosen", "指定"},
	"sent.head":       {"The model predicts %s = %s for row %s (the average is %s)", "模型对第 %[3]s 行的预测为 %[1]s = %[2]s（平均值为 %[4]s）"},
	"sent.colon":      {": ", "："},
	"sent.up":         {"%s of %s raised the %s by %s", "%s为 %s，使%s提高了 %s"},
	"sent.down":       {"%s of %s lowered the %s by %s", "%s为 %s，使%s降低了 %s"},
	"sent.join":       {"; ", "；"},
	"sent.end":        {".", "。"},
	"qty.probability": {"probability", "概率"},
	"qty.prediction":  {"prediction", "预测值"},
	"local.actual":    {"Actual %s: %s.", "实际 %s：%s。"},

	// Agreement.
	"agree.intro":   {"LIME fits a simple local model around each row. Where SHAP and LIME name the same top-3 columns, the explanation is more trustworthy.", "LIME 在每一行附近拟合一个简单的局部模型。SHAP 与 LIME 给出的前 3 列越一致，解释越可信。"},
	"agree.row":     {"row", "行"},
	"agree.shap":    {"SHAP top 3", "SHAP 前 3"},
	"agree.lime":    {"LIME top 3", "LIME 前 3"},
	"agree.overlap": {"overlap", "重合"},
	"agree.fid":     {"LIME fidelity R²", "LIME 拟合度 R²"},
	"agree.mean":    {"Average overlap: %s of 3.", "平均重合：%s / 3。"},
	"agree.chart":   {"Each column of each row: its SHAP value (horizontal) against its LIME contribution (vertical). On the dashed line they would agree exactly; the rank correlations say how alike they order the columns.", "每一行的每一列：横轴为 SHAP 值，纵轴为 LIME 贡献。落在虚线上表示完全一致；秩相关系数表示两者对各列排序的相似程度。"},

	// Scorecard.
	"score.intro":     {"Kernel SHAP and LIME on %s rows (seeds %s): can the explanations be trusted? Thresholds are rules of thumb, not statistical tests.", "在 %s 行上运行 Kernel SHAP 和 LIME（随机种子 %s）：这些解释是否可信？阈值为经验规则，而非统计检验。"},
	"score.criterion": {"criterion", "检查项"},
	"score.value":     {"value", "数值"},
	"score.threshold": {"threshold", "阈值"},
	"score.status":    {"status", "状态"},
	"score.meaning":   {"what it means", "含义"},
	"score.pass":      {"pass", "通过"},
	"score.warn":      {"warn", "警告"},
	"score.summary":   {"%s of %s checks pass.", "%[2]s 项检查中有 %[1]s 项通过。"},

	// Reproducibility.
	"repro.intro":  {"The same run, table, options and versions give a byte-identical report.", "相同的运行、数据表、选项和软件版本会生成逐字节相同的报告。"},
	"repro.cmd":    {"glassbox report --run DIR --data FILE --out FILE.html --seed %s --lang %s", "glassbox report --run DIR --data FILE --out FILE.html --seed %s --lang %s"},
	"repro.notime": {"No timestamp is written (ReportOptions.Timestamp), so that the bytes depend only on the inputs.", "未写入时间戳（ReportOptions.Timestamp），因此内容只取决于输入。"},
	"devel":        {"development build", "开发版本"},

	// Progress.
	"p.predict": {"predicting", "预测"},
}

// scorecardZH translates explain's scorecard criteria (by name prefix) into
// Chinese: the name and the meaning.
var scorecardZH = []struct{ prefix, name, meaning string }{
	{"SHAP additivity error", "SHAP 可加性误差", "各特征的贡献之和等于模型的预测，正如 SHAP 所保证的。"},
	{"LIME fidelity", "LIME 拟合度（加权 R²）", "LIME 的简单局部模型在每一行附近模仿真实模型的程度；数值低说明 LIME 的解释较粗糙。"},
	{"SHAP stability, top-", "SHAP 稳定性，前 %s 重合度", "换一个随机种子重新运行 SHAP，仍给出相同的最重要特征。"},
	{"SHAP stability, rank", "SHAP 稳定性，排名相关", "换一个随机种子重新运行 SHAP，特征的排序保持不变。"},
	{"LIME stability, top-", "LIME 稳定性，前 %s 重合度", "换一个随机种子重新运行 LIME，仍给出相同的最重要特征。"},
	{"LIME stability, rank", "LIME 稳定性，排名相关", "换一个随机种子重新运行 LIME，特征的排序保持不变。"},
	{"Deletion area", "删除曲线面积（按 SHAP 排序）", "按 SHAP 认为最支持预测的顺序移除特征，预测回到平均值的速度快于随机移除。"},
	{"Insertion area", "插入曲线面积（按 SHAP 排序）", "按 SHAP 的顺序向平均行加入特征，重建预测的速度快于随机加入。"},
	{"SHAP–LIME agreement, rank", "SHAP–LIME 一致性，排名相关", "两种不同的解释方法对每一行中哪些特征重要大体一致。"},
	{"SHAP–LIME agreement, top-", "SHAP–LIME 一致性，前 %s 重合度", "两种不同的解释方法对每一行给出相同的最重要特征。"},
	{"Ground truth, importance", "真实效应，重要性排名相关", "SHAP 的整体特征排名与数据中已知的真实效应一致。"},
	{"Ground truth, effect", "真实效应，方向一致率", "对于已知有效应的特征，SHAP 显示其推动预测的方向正确。"},
}

func newLang(s string) (lang, error) {
	switch strings.ToLower(s) {
	case "", "en", "en-us", "en-gb", "english":
		return LangEnglish, nil
	case "zh", "zh-cn", "zh-hans", "cn", "chinese":
		return LangChinese, nil
	}
	return "", fmt.Errorf("reports: unknown report language %q: want %q or %q", s, LangEnglish, LangChinese)
}

// t returns message key in the language, formatted with args.
func (l lang) t(key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		panic("reports: no message " + key) // a programming error, caught by the tests
	}
	s := m[0]
	if l == LangChinese {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// htmlLang is the value of <html lang>.
func (l lang) htmlLang() string {
	if l == LangChinese {
		return "zh-CN"
	}
	return "en"
}

// int formats a count with thousands separators (both languages group by
// three digits in running text).
func (l lang) int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// num formats a value in the table's units (see tableNumber); missing is
// said in the language.
func (l lang) num(v float64) string {
	if math.IsNaN(v) {
		if l == LangChinese {
			return "缺失"
		}
		return "missing"
	}
	return tableNumber(v)
}

// amount formats the size of a contribution: two decimals from 0.01, two
// significant digits below, thousands separators from 1,000.
func (l lang) amount(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1000:
		return tableNumber(v)
	case a >= 0.01:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a == 0:
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// fixed formats a metric with d decimals; "—" when undefined.
func (l lang) fixed(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// list joins items as the language writes a list.
func (l lang) list(items []string) string {
	if l == LangChinese {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// spaced returns a name as it goes before Chinese text: followed by a space
// when it ends in a Latin letter or digit ("income 为", but "收入为").
func (l lang) spaced(name string) string {
	if l != LangChinese || name == "" {
		return name
	}
	if r, _ := utf8.DecodeLastRuneInString(name); r < 0x80 {
		return name + " "
	}
	return name
}
