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
