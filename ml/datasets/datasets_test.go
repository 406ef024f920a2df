package datasets

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml/data"
)

func TestEmbeddedShapesAndKnownValues(t *testing.T) {
	cases := []struct {
		name      string
		load      func() (*data.Frame, error)
		rows      int
		first     string
		column    string
		mean      float64
		targetSum float64
	}{
		// Means computed from scikit-learn's files with Python's statistics.mean.
		{"breast cancer", BreastCancer, 569, "mean radius", "mean radius", 14.127291739894552, 357},
		{"diabetes", Diabetes, 442, "age", "bmi", 26.37579185520362, 152.13348416289594 * 442},
	}
	for _, c := range cases {
		f, err := c.load()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		names := f.Names()
		if f.Len() != c.rows || names[0] != c.first || names[len(names)-1] != "target" {
			t.Fatalf("%s: %d rows, columns %q…%q", c.name, f.Len(), names[0], names[len(names)-1])
		}
		for i, k := range f.Kinds() {
			if k != data.Numeric {
				t.Errorf("%s: column %q is %v", c.name, names[i], k)
			}
		}
		x, err := f.Floats(c.column)
		if err != nil {
			t.Fatal(err)
		}
		if m := mean(x); math.Abs(m-c.mean) > 1e-9 {
			t.Errorf("%s: mean %s = %v, want %v", c.name, c.column, m, c.mean)
		}
		y, _ := f.Floats("target")
		if s := mean(y) * float64(len(y)); math.Abs(s-c.targetSum) > 1e-6 {
			t.Errorf("%s: target sum %v, want %v", c.name, s, c.targetSum)
		}
	}
	bc, _ := BreastCancer()
	if n := len(bc.Names()); n != 31 {
		t.Errorf("breast cancer has %d columns, want 30 + target", n)
	}
	if _, classes, err := data.ClassTarget(bc, "target"); err != nil || !slices.Equal(classes, []string{"0", "1"}) {
		t.Errorf("breast cancer classes %q, %v", classes, err)
	}
	db, _ := Diabetes()
	if n := len(db.Names()); n != 11 {
		t.Errorf("diabetes has %d columns, want 10 + target", n)
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func TestCustomersDeterministicPerSeed(t *testing.T) {
	csv := func(seed int64) []byte {
		f, err := Customers(300, seed)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := csv(7), csv(7), csv(8)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different data")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same data")
	}
	if _, err := Customers(0, 1); err == nil {
		t.Fatal("Customers(0) gave no error")
	}
}

func TestCustomersMatchDocumentedDistributions(t *testing.T) {
	const n = 20000
	f, err := Customers(n, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Names(); !slices.Equal(got, customerColumns) {
		t.Fatalf("columns %q", got)
	}
	// Closed-form expectations of the documented generator, with a
	// tolerance of about four standard errors.
	checks := []struct {
		column   string
		mean, sd float64
	}{
		{"complaints", 0.45, math.Sqrt(0.45)},                   // Poisson(0.45)
		{"discount_use", 0.35, math.Sqrt(0.35 * 0.65)},          // Bernoulli(0.35)
		{"web_visits", 0.45*8 + 0.55*3, math.Sqrt(5.25 + 6.19)}, // Poisson mixture: var = mean + 0.45·0.55·5²
	}
	for _, c := range checks {
		x, err := f.Floats(c.column)
		if err != nil {
			t.Fatal(err)
		}
		if m := mean(x); math.Abs(m-c.mean) > 4*c.sd/math.Sqrt(n) {
			t.Errorf("%s mean %v, want %v", c.column, m, c.mean)
		}
	}
	ch, _ := f.Strings("channel")
	for name, p := range map[string]float64{"web": 0.45, "store": 0.35, "phone": 0.20} {
		share := float64(count(ch, name)) / n
		if math.Abs(share-p) > 4*math.Sqrt(p*(1-p)/n) {
			t.Errorf("channel %s share %v, want %v", name, share, p)
		}
	}
	// Every documented center and spread is within 15% of the sample's.
	for _, e := range CustomerTruth {
		x, _ := f.Floats(e.Column)
		m := mean(x)
		sd := 0.0
		for _, v := range x {
			sd += (v - m) * (v - m)
		}
		sd = math.Sqrt(sd / n)
		if math.Abs(m-e.Center) > 0.15*math.Abs(e.Center)+0.02 || math.Abs(sd-e.Spread) > 0.15*e.Spread {
			t.Errorf("%s: sample mean %v sd %v, documented center %v spread %v", e.Column, m, sd, e.Center, e.Spread)
		}
	}
}

func count(xs []string, v string) int {
	n := 0
	for _, x := range xs {
		if x == v {
			n++
		}
	}
	return n
}

// TestCustomersBuysFollowsTruth checks the target against the documented
// model: the mean predicted probability matches the share of buyers, and
// the true probabilities classify 75–85% of rows right (the ceiling for any
// model: learnable, not trivial).
func TestCustomersBuysFollowsTruth(t *testing.T) {
	const n = 20000
	f, err := Customers(n, 11)
	if err != nil {
		t.Fatal(err)
	}
	y, _ := f.Floats("buys")
	eta, _, err := CustomerTruthOf(f)
	if err != nil {
		t.Fatal(err)
	}
	sumP, sumY, right := 0.0, 0.0, 0
	for r := range n {
		p := 1 / (1 + math.Exp(-eta[r]))
		sumP += p
		sumY += y[r]
		if (p > 0.5) == (y[r] == 1) {
			right++
		}
	}
	if math.Abs(sumP-sumY)/n > 4*0.5/math.Sqrt(n) {
		t.Errorf("mean probability %v, share of buyers %v", sumP/n, sumY/n)
	}
	if acc := float64(right) / n; acc < 0.75 || acc > 0.85 {
		t.Errorf("accuracy of the true model %v, want within [0.75, 0.85]", acc)
	}
}

// TestCustomersDemandFollowsTruth checks that demand minus its documented
// systematic part has mean ≈ 0 and standard deviation ≈ DemandNoise, on
// rows far from the clamp at 0 (rounding to 0.1 adds a variance of 1/1200).
func TestCustomersDemandFollowsTruth(t *testing.T) {
	const n = 20000
	f, err := Customers(n, 13)
	if err != nil {
		t.Fatal(err)
	}
	demand, _ := f.Floats("demand")
	for j, e := range CustomerTruth {
		if e.Column != CustomerNumericColumns[j] {
			t.Fatalf("CustomerTruth[%d] is %q, CustomerNumericColumns[%d] is %q", j, e.Column, j, CustomerNumericColumns[j])
		}
	}
	_, expected, err := CustomerTruthOf(f)
	if err != nil {
		t.Fatal(err)
	}
	var res []float64
	for r, mu := range expected {
		if mu > 4*DemandNoise {
			res = append(res, demand[r]-mu)
		}
	}
	m := mean(res)
	sd := 0.0
	for _, v := range res {
		sd += (v - m) * (v - m)
	}
	sd = math.Sqrt(sd / float64(len(res)))
	if len(res) < n*8/10 || math.Abs(m) > 4*DemandNoise/math.Sqrt(float64(len(res))) || math.Abs(sd-DemandNoise) > 0.05 {
		t.Errorf("%d residuals: mean %v, sd %v; want mean 0, sd %v", len(res), m, sd, DemandNoise)
	}
}

func TestCustomerTruthOfErrors(t *testing.T) {
	f, err := Customers(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := f.Drop("channel")
	if _, _, err := CustomerTruthOf(g); err == nil || !strings.Contains(err.Error(), `"channel"`) {
		t.Errorf("without channel: %v", err)
	}
	rows := [][]string{{"30", "", "2", "3", "4", "5", "0", "50", "4", "no", "web"}}
	h, err := data.NewFrame(append(slices.Clone(CustomerNumericColumns), "channel"), rows, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := CustomerTruthOf(h); err == nil || !strings.Contains(err.Error(), `row 1, column "income"`) {
		t.Errorf("missing income: %v", err)
	}
	rows[0][1], rows[0][10] = "1000", "fax"
	h, _ = data.NewFrame(append(slices.Clone(CustomerNumericColumns), "channel"), rows, nil)
	if _, _, err := CustomerTruthOf(h); err == nil || !strings.Contains(err.Error(), `"fax"`) {
		t.Errorf("unknown channel: %v", err)
	}
}

func TestCustomerTruthRanksWithoutTies(t *testing.T) {
	order := slices.Clone(CustomerTruth)
	slices.SortStableFunc(order, func(a, b Effect) int {
		return cmp.Compare(math.Abs(b.StandardizedLogit()), math.Abs(a.StandardizedLogit()))
	})
	var got []string
	for _, e := range order {
		got = append(got, e.Column)
	}
	want := []string{"purchase_frequency", "recency_days", "complaints", "web_visits", "income",
		"satisfaction", "tenure_months", "discount_use", "age", "avg_order_value"}
	if !slices.Equal(got, want) {
		t.Fatalf("ranking %q, documented %q", got, want)
	}
	for i := 1; i < 8; i++ {
		if math.Abs(order[i-1].StandardizedLogit())-math.Abs(order[i].StandardizedLogit()) < 0.04 {
			t.Errorf("%s and %s are nearly tied", order[i-1].Column, order[i].Column)
		}
	}
}

func TestMessyCustomers(t *testing.T) {
	const n = 5000
	clean, err := Customers(n, 9)
	if err != nil {
		t.Fatal(err)
	}
	messy, err := MessyCustomers(n, 9)
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"income", "satisfaction", "web_visits", "channel"} {
		missing, _ := messy.MissingCount(col)
		if math.Abs(float64(missing)/n-0.04) > 4*math.Sqrt(0.04*0.96/n) {
			t.Errorf("%s: %d missing of %d, want about 4%%", col, missing, n)
		}
	}
	a, _ := clean.Strings("income")
	b, _ := messy.Strings("income")
	typos := 0
	for r := range a {
		switch b[r] {
		case "", a[r]:
		case a[r] + "0":
			typos++
		default:
			t.Fatalf("row %d: income %q became %q", r+1, a[r], b[r])
		}
	}
	if typos == 0 || typos > n/50 {
		t.Errorf("%d incomes with an extra zero, want about 1%%", typos)
	}
	for _, col := range []string{"age", "buys", "demand", "region"} {
		x, _ := clean.Strings(col)
		y, _ := messy.Strings(col)
		if !slices.Equal(x, y) {
			t.Errorf("column %s differs", col)
		}
	}
	if _, err := MessyCustomers(-1, 1); err == nil {
		t.Error("MessyCustomers(-1) gave no error")
	}
}

func TestPenguinsRaw(t *testing.T) {
	f, err := PenguinsRaw()
	if err != nil {
		t.Fatal(err)
	}
	if f.Len() != 344 || len(f.Names()) != 17 {
		t.Fatalf("%d rows × %d columns, want 344 × 17", f.Len(), len(f.Names()))
	}
	if n, err := f.MissingCount("Sex"); err != nil || n != 11 {
		t.Errorf("Sex missing in %d rows (%v), want 11", n, err)
	}
	if k, _ := f.Kind("Body Mass (g)"); k != data.Numeric {
		t.Errorf("Body Mass (g) is %v", k)
	}
}

// TestPenguinsRawRoles: the research table's identifier, free text and
// constant columns are recognised, and the measurements stay features.
func TestPenguinsRawRoles(t *testing.T) {
	f, err := PenguinsRaw()
	if err != nil {
		t.Fatal(err)
	}
	roles, err := data.InferRoles(f, "Sex")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]data.Role{
		"Individual ID": data.RoleIdentifier, "Comments": data.RoleFreeText, "Region": data.RoleConstant,
		"Stage": data.RoleConstant, "Sex": data.RoleTarget, "Body Mass (g)": data.RoleFeature,
		"Species": data.RoleFeature, "Island": data.RoleFeature,
	}
	for _, r := range roles {
		if w, ok := want[r.Column]; ok && r.Role != w {
			t.Errorf("%s: role %s (%s), want %s", r.Column, r.Role, r.Reason, w)
		}
	}
	t.Logf("\n%s", roles.Text())
}
