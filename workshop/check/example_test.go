package check_test

import "github.com/glassbox-ml/glassbox/workshop/check"

func Example() {
	missingIncomes := 37 // what the learner's code computed
	check.Equal("missing incomes", missingIncomes, 37, "count the empty cells of income")
	check.Near("share who bought", 0, 0.448, 0.005, "divide the buyers by all customers")
	check.Lang = "zh"
	check.True("训练完成", false, "调用 ml.Train，并设置 RunDir")
	check.Lang = "en"
	// Output:
	// ✅ missing incomes: right (37)
	// ❌ share who bought: 0 is still the placeholder: not answered yet — divide the buyers by all customers
	// ❌ 训练完成 — 调用 ml.Train，并设置 RunDir
}
