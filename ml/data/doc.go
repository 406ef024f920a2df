// Package data loads tables and prepares them for models: typed columns
// (Frame) read from CSV or Excel, a summary for notebooks, a preprocessing
// Pipeline fitted on the training split only (imputation, outlier clipping,
// scaling, one-hot encoding that remembers each encoded feature's original
// column), classification and regression targets, and seeded stratified
// splits.
//
// The usual sequence is
//
//	f, err := data.ReadFile("customers.csv")
//	y, classes, err := data.ClassTarget(f, "buys")
//	split, err := data.StratifiedSplit(y, 0.15, 0.15, seed)
//	train, val, test, err := split.Frames(f)
//	p, err := data.Fit(train, data.Options{Exclude: []string{"buys"}})
//	X, err := p.Transform(train)
//
// and the Pipeline, marshalled to JSON, travels with the model so that
// another process encodes new raw records (TransformRecords) exactly as in
// training. Pipeline.Groups and GroupSums map explanations of encoded
// features back to original columns.
//
// Nothing here panics on bad input: ragged rows, text in a numeric column
// declared by a Schema, infinite numbers, empty files, unknown or
// single-class targets, unseen categories and absent columns are errors that
// name the line, row (counting data rows from 1) and column.
//
// Before training, InferRoles says what each column is for — feature,
// target, identifier, free text, date, constant or personal data — with a
// one-line reason in English and Chinese, and Check reports data-quality
// findings (missing values, duplicate rows, constant and near-constant
// columns, identifiers, personal data, high cardinality, outliers, class
// imbalance, target-leakage suspects and, given a test frame, drift by the
// population stability index), most severe first:
//
//	roles, err := data.InferRoles(f, "buys")
//	q, err := data.Check(f, data.CheckOptions{Target: "buys", Test: test})
//	kernel.HTML(q.HTML(), q.Text())
//
// DetectPersonal finds e-mail, phone, PRC resident ID number and name
// columns; Pseudonymise replaces such values by keyed HMAC tokens that can
// still be joined and counted but not reversed.
package data
