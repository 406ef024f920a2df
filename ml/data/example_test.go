package data_test

import (
	"fmt"
	"strings"

	"github.com/glassbox-ml/glassbox/ml/data"
)

func Example() {
	csv := "年龄,channel,buys\n34,web,yes\n51,store,no\n29,web,yes\n45,phone,no\n"
	f, err := data.ReadCSV(strings.NewReader(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	y, classes, err := data.ClassTarget(f, "buys")
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := data.Fit(f, data.Options{Exclude: []string{"buys"}, Scale: data.ScaleMinMax})
	if err != nil {
		fmt.Println(err)
		return
	}
	X, err := p.Transform(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Names(), f.Kinds())
	fmt.Println(classes, y)
	fmt.Println(p.FeatureNames(), p.GroupNames(), p.Groups())
	fmt.Printf("%.3g\n", X[0])
	// Output:
	// [年龄 channel buys] [numeric categorical boolean]
	// [false true] [1 0 1 0]
	// [年龄 channel=phone channel=store channel=web] [年龄 channel] [[0] [1 2 3]]
	// [0.227 0 0 1]
}

func ExampleSummarize() {
	csv := "age;plan;churned\n34;basic;no\n51;pro;yes\nNA;basic;no\n45;basic;no\n"
	f, err := data.ReadCSV(strings.NewReader(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := data.Summarize(f, "churned")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(s.Text())
	// Output:
	// 4 rows × 3 columns
	// column   kind         missing  distinct  min  max  mean   std    top values
	// age      numeric      1        3         34   51   43.33  8.622
	// plan     categorical  0        2                                 basic (3), pro (1)
	// churned  boolean      0        2         0    1    0.25   0.5    no (3), yes (1)
	// target "churned" balance: no: 3 (75.0%), yes: 1 (25.0%)
}

// Attributions of encoded features add up to attributions of the original
// columns, and encoded rows decode back to cell text.
func ExamplePipeline_GroupSums() {
	csv := "income,channel\n40000,web\n52000,store\n61000,phone\n"
	f, err := data.ReadCSV(strings.NewReader(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := data.Fit(f, data.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	attributions := []float64{0.5, 0.1, -0.05, 0.2} // per encoded feature
	sums, err := p.GroupSums(attributions)
	if err != nil {
		fmt.Println(err)
		return
	}
	X, err := p.TransformRecords([]map[string]string{{"income": "52000", "channel": "phone"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	decoded, err := p.Decode(X[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.FeatureNames())
	fmt.Println(p.GroupNames(), sums)
	fmt.Println(decoded)
	// Output:
	// [income channel=phone channel=store channel=web]
	// [income channel] [0.5 0.25]
	// [52000 phone]
}
