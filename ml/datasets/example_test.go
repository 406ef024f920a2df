package datasets_test

import (
	"fmt"

	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

func Example() {
	f, err := datasets.Customers(1000, 42)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := data.Fit(f, data.Options{Columns: datasets.CustomerNumericColumns})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Len(), "rows,", p.NumFeatures(), "features")
	for _, e := range datasets.CustomerTruth[:4] {
		fmt.Printf("%-18s sign %+d, one spread moves the log-odds by %+.2f\n", e.Column, e.Sign(), e.StandardizedLogit())
	}
	bc, err := datasets.BreastCancer()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("breast cancer:", bc.Len(), "rows,", len(bc.Names())-1, "features")
	// Output:
	// 1000 rows, 10 features
	// age                sign +0, one spread moves the log-odds by +0.00
	// income             sign +1, one spread moves the log-odds by +0.50
	// purchase_frequency sign +1, one spread moves the log-odds by +1.00
	// recency_days       sign -1, one spread moves the log-odds by -0.90
	// breast cancer: 569 rows, 30 features
}
