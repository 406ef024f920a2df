package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/glassbox-ml/glassbox/ml/data"
)

// customerColumns is the column order of Customers.
var customerColumns = []string{
	"age", "income", "purchase_frequency", "recency_days", "tenure_months",
	"web_visits", "complaints", "avg_order_value", "satisfaction", "discount_use",
	"channel", "region", "buys", "demand",
}

// customerSchema fixes the kinds, so that small samples are not inferred
// differently (a sample without complaints is still Numeric).
var customerSchema = data.Schema{
	"age": data.Numeric, "income": data.Numeric, "purchase_frequency": data.Numeric,
	"recency_days": data.Numeric, "tenure_months": data.Numeric, "web_visits": data.Numeric,
	"complaints": data.Numeric, "avg_order_value": data.Numeric, "satisfaction": data.Numeric,
	"discount_use": data.Boolean, "channel": data.Categorical, "region": data.Categorical,
	"buys": data.Numeric, "demand": data.Numeric,
}

// Customers generates n customers of a small shop, the same rows for the same
// seed on every call and platform. Columns, in order:
//
//	age                 years, round(N(44, 13²)) clamped to [18, 80]
//	income              yearly, lognormal with median 44,000·e^(0.008·(age−44)),
//	                    σ_log 0.4, rounded to 100, clamped to [12,000, 250,000]
//	purchase_frequency  purchases a month, Gamma(2, 1.1) + tenure_months/100, 1 decimal
//	recency_days        days since the last purchase, Exp(mean 80/(1 + purchase_frequency)),
//	                    rounded, at most 365
//	tenure_months       months as a customer, Exp(mean 20 + (age−18)/2), rounded, in [1, 120]
//	web_visits          site visits last month, Poisson(3, or 8 for web customers)
//	complaints          complaints last year, Poisson(0.45)
//	avg_order_value     currency, lognormal with median 50·(income/48,000)^0.3, σ_log 0.4, 2 decimals
//	satisfaction        survey score, round(4 − 0.6·complaints + N(0, 0.8²)) clamped to [1, 5]
//	discount_use        "yes" with probability 0.35, else "no" (Boolean)
//	channel             web 45%, store 35%, phone 20% (Categorical)
//	region              north 30%, south 25%, east 25%, west 20% (Categorical; no effect)
//	buys                1 with probability 1/(1 + e^(−η)), else 0: the classification target
//	demand              units next quarter, 1 decimal: the regression target
//
// η and demand are computed from the rounded values shown in the table by
// the model documented on Effect, with the coefficients of CustomerTruth,
// ChannelLogit and ChannelDemand. About 42% of customers buy; with all
// inputs known the true probabilities are right about 79% of the time, so a small
// network should reach 75–85% accuracy, not 100%.
func Customers(n int, seed int64) (*data.Frame, error) {
	if n <= 0 {
		return nil, fmt.Errorf("datasets: Customers: n = %d, want a positive number of rows", n)
	}
	return data.NewFrame(customerColumns, customerRows(n, seed), customerSchema)
}

// customerRows draws the n rows of Customers(n, seed).
func customerRows(n int, seed int64) [][]string {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6c8e9cf570932bd5))
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = customer(rng)
	}
	return rows
}

// MessyCustomers returns the rows of Customers(n, seed) as collected by a
// careless shop, for demonstrating cleaning: with a second generator seeded
// by seed, each cell of income, satisfaction, web_visits and channel is
// blanked with probability 0.04, and each income is multiplied by 10 (an
// extra zero typed) with probability 0.01. The targets were drawn from the
// clean values, so CustomerTruthOf(Customers(n, seed)) is the truth for
// these rows too.
func MessyCustomers(n int, seed int64) (*data.Frame, error) {
	if n <= 0 {
		return nil, fmt.Errorf("datasets: MessyCustomers: n = %d, want a positive number of rows", n)
	}
	rows := customerRows(n, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x3243f6a8885a308d))
	blank := []int{1, 8, 5, 10} // income, satisfaction, web_visits, channel
	for _, row := range rows {
		for _, c := range blank {
			if rng.Float64() < 0.04 {
				row[c] = ""
			}
		}
		if row[1] != "" && rng.Float64() < 0.01 {
			row[1] += "0"
		}
	}
	return data.NewFrame(customerColumns, rows, customerSchema)
}

// customer draws one row in the order of customerColumns.
func customer(rng *rand.Rand) []string {
	age := clamp(math.Round(44+13*rng.NormFloat64()), 18, 80)
	income := clamp(100*math.Round(44000*math.Exp(0.008*(age-44)+0.4*rng.NormFloat64())/100), 12000, 250000)
	tenure := clamp(math.Round(rng.ExpFloat64()*(20+(age-18)/2)), 1, 120)
	freq := math.Round(10*(1.1*(rng.ExpFloat64()+rng.ExpFloat64())+tenure/100)) / 10
	recency := min(math.Round(rng.ExpFloat64()*80/(1+freq)), 365)
	channel := pick(rng, []string{"web", "store", "phone"}, []float64{0.45, 0.35, 0.20})
	region := pick(rng, []string{"north", "south", "east", "west"}, []float64{0.30, 0.25, 0.25, 0.20})
	visitRate := 3.0
	if channel == "web" {
		visitRate = 8
	}
	visits := poisson(rng, visitRate)
	complaints := poisson(rng, 0.45)
	aov := math.Round(100*50*math.Pow(income/48000, 0.3)*math.Exp(0.4*rng.NormFloat64())) / 100
	satisfaction := clamp(math.Round(4-0.6*complaints+0.8*rng.NormFloat64()), 1, 5)
	discount := 0.0
	if rng.Float64() < 0.35 {
		discount = 1
	}
	x := []float64{age, income, freq, recency, tenure, visits, complaints, aov, satisfaction, discount}
	eta, demand := truth(x, channel)
	demand += DemandNoise * rng.NormFloat64()
	buys := "0"
	if rng.Float64() < 1/(1+math.Exp(-eta)) {
		buys = "1"
	}
	row := make([]string, 0, len(customerColumns))
	for _, v := range x[:9] {
		row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
	}
	discountText := "no"
	if discount == 1 {
		discountText = "yes"
	}
	return append(row, discountText, channel, region, buys,
		strconv.FormatFloat(math.Round(10*max(demand, 0))/10, 'f', -1, 64))
}

// clamp limits x to [lo, hi].
func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// pick draws one of names with the given probabilities (summing to 1).
func pick(rng *rand.Rand, names []string, probs []float64) string {
	u := rng.Float64()
	for i, p := range probs {
		if u < p {
			return names[i]
		}
		u -= p
	}
	return names[len(names)-1]
}

// poisson draws from a Poisson distribution of small mean λ by Knuth's
// method: count uniforms until their product falls below e^(−λ).
func poisson(rng *rand.Rand, lambda float64) float64 {
	limit, k, p := math.Exp(-lambda), 0.0, rng.Float64()
	for p > limit {
		k++
		p *= rng.Float64()
	}
	return k
}
