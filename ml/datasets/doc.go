// Package datasets provides data sets that need no download: a seeded
// generator of small-business customer data whose true effects are known
// (Customers, CustomerTruth), and two real data sets embedded from the
// copies that ship with scikit-learn: Breast Cancer Wisconsin
// (classification, BreastCancer) and diabetes progression (regression,
// Diabetes). All are returned as *data.Frame; Frame.WriteCSVFile saves them.
//
// The customer data serves the quickstart: its classification target is
// "buys", its regression target "demand", and CustomerNumericColumns names
// the ten numeric and boolean inputs of the reference model
// Dense(64, relu, input 10) → Dense(1, sigmoid). Because every effect on the
// log-odds of buying is documented (CustomerTruth), explanations of a model
// trained on it can be checked: signs, ranking, and the null features (age,
// avg_order_value, region) that should get the least attribution.
// MessyCustomers gives the same rows with missing cells and typing errors,
// for demonstrating cleaning.
package datasets
