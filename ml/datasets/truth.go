package datasets

import (
	"fmt"
	"math"

	"github.com/glassbox-ml/glassbox/ml/data"
)

// Effect is the true effect of one input column of the customer data.
//
// The log-odds of buying are
//
//	η = BuysIntercept + Σ_j Logit_j·(x_j − Center_j) + ChannelLogit[channel]
//
// and P(buys = 1) = 1/(1 + e^(−η)); the demand is
//
//	demand = max(0, DemandIntercept + Σ_j Demand_j·(x_j − Center_j)
//	                + ChannelDemand[channel] + ε),  ε ~ N(0, DemandNoise²)
//
// where x_j is the column's value as written in the table (discount_use as
// 1/0) and the sums run over CustomerTruth. Region has no effect on either
// target; nor do age and avg_order_value on buys: they are the null
// features an explanation should rank last.
type Effect struct {
	// Column is the column name in the Customers frame.
	Column string
	// Logit is the change of η per unit of the column.
	Logit float64
	// Demand is the change of demand per unit of the column.
	Demand float64
	// Center is the reference value subtracted before multiplying.
	Center float64
	// Spread is a typical standard deviation of the column, so that
	// Logit·Spread is the effect on η of a one-spread change: the size
	// by which effects are ranked.
	Spread float64
}

// Sign returns the direction of the effect on buying: +1, −1 or 0.
func (e Effect) Sign() int {
	switch {
	case e.Logit > 0:
		return 1
	case e.Logit < 0:
		return -1
	}
	return 0
}

// StandardizedLogit returns Logit·Spread, the effect on the log-odds of a
// one-spread change of the column.
func (e Effect) StandardizedLogit() float64 { return e.Logit * e.Spread }

// Ground truth of the Customers generator; see Effect for the model.
const (
	BuysIntercept   = -0.65
	DemandIntercept = 12.0
	DemandNoise     = 2.0
)

// CustomerTruth lists the true effect of every numeric and boolean input
// column of Customers, in the frame's column order. The standardized
// effects on buying are distinct, so that they rank the columns without
// ties: purchase_frequency +1.0, recency_days −0.9, complaints −0.7,
// web_visits +0.6, income +0.5, satisfaction +0.45, tenure_months +0.35,
// discount_use +0.25, then age and avg_order_value 0. It is read by the
// generator: treat it, ChannelLogit, ChannelDemand and RegionLogit as
// read-only.
var CustomerTruth = []Effect{
	{Column: "age", Logit: 0, Demand: -0.02, Center: 44, Spread: 13},
	{Column: "income", Logit: 0.5 / 21000, Demand: 1.0 / 20000, Center: 48000, Spread: 21000},
	{Column: "purchase_frequency", Logit: 1.0 / 1.6, Demand: 2.0, Center: 2.5, Spread: 1.6},
	{Column: "recency_days", Logit: -0.9 / 32, Demand: -0.03, Center: 27, Spread: 32},
	{Column: "tenure_months", Logit: 0.35 / 30, Demand: 0.02, Center: 32, Spread: 30},
	{Column: "web_visits", Logit: 0.6 / 3.4, Demand: 0.25, Center: 5.2, Spread: 3.4},
	{Column: "complaints", Logit: -0.7 / 0.7, Demand: -0.6, Center: 0.45, Spread: 0.7},
	{Column: "avg_order_value", Logit: 0, Demand: 0.01, Center: 53, Spread: 24},
	{Column: "satisfaction", Logit: 0.45 / 0.9, Demand: 0.5, Center: 3.7, Spread: 0.9},
	{Column: "discount_use", Logit: 0.25 / 0.48, Demand: 1.0, Center: 0.35, Spread: 0.48},
}

// ChannelLogit and ChannelDemand are the true effects of the channel
// category (store is the reference); RegionLogit is zero for every region.
var (
	ChannelLogit  = map[string]float64{"web": 0.3, "store": 0, "phone": -0.4}
	ChannelDemand = map[string]float64{"web": 0.5, "store": 1.0, "phone": -0.5}
	RegionLogit   = map[string]float64{"north": 0, "south": 0, "east": 0, "west": 0}
)

// CustomerNumericColumns are the ten numeric and boolean input columns of
// Customers: with data.Options{Columns: CustomerNumericColumns} a Pipeline
// encodes exactly ten features, the input width of the quickstart's
// Dense(64, relu, input 10) → Dense(1, sigmoid) model.
var CustomerNumericColumns = []string{
	"age", "income", "purchase_frequency", "recency_days", "tenure_months",
	"web_visits", "complaints", "avg_order_value", "satisfaction", "discount_use",
}

// truth returns the true log-odds η of buying and the expected demand
// before noise and clamping, for the CustomerTruth inputs x (in that order)
// and a channel.
func truth(x []float64, channel string) (eta, demand float64) {
	eta, demand = BuysIntercept+ChannelLogit[channel], DemandIntercept+ChannelDemand[channel]
	for j, e := range CustomerTruth {
		eta += e.Logit * (x[j] - e.Center)
		demand += e.Demand * (x[j] - e.Center)
	}
	return eta, demand
}

// CustomerTruthOf returns, for every row of f (a frame with the Customers
// columns, e.g. a split of one), the true log-odds η of buying (the
// probability is 1/(1 + e^(−η))) and the expected demand before noise and
// the clamp at 0, by the model documented on Effect. A missing input is an
// error naming its row and column.
func CustomerTruthOf(f *data.Frame) (logOdds, demand []float64, err error) {
	cols := make([][]float64, len(CustomerTruth))
	for j, e := range CustomerTruth {
		if cols[j], err = f.Floats(e.Column); err != nil {
			return nil, nil, fmt.Errorf("datasets: CustomerTruthOf: %w", err)
		}
	}
	channel, err := f.Strings("channel")
	if err != nil {
		return nil, nil, fmt.Errorf("datasets: CustomerTruthOf: %w", err)
	}
	logOdds, demand = make([]float64, f.Len()), make([]float64, f.Len())
	x := make([]float64, len(cols))
	for r := range f.Len() {
		for j := range cols {
			if x[j] = cols[j][r]; math.IsNaN(x[j]) {
				return nil, nil, fmt.Errorf("datasets: CustomerTruthOf: row %d, column %q is missing", r+1, CustomerTruth[j].Column)
			}
		}
		if _, known := ChannelLogit[channel[r]]; !known {
			return nil, nil, fmt.Errorf("datasets: CustomerTruthOf: row %d, column \"channel\": unknown channel %q", r+1, channel[r])
		}
		logOdds[r], demand[r] = truth(x, channel[r])
	}
	return logOdds, demand, nil
}
