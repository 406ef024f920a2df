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
// Loading. ReadCSV detects the text encoding (a byte-order mark for UTF-8,
// UTF-16LE or UTF-16BE; else UTF-8 when the text is valid UTF-8; else
// GB18030, which covers the GBK files Excel writes on Chinese Windows), or
// takes it from Loader.Encoding; Frame.Encoding reports it. It streams the
// input record by record (the delimiter is detected from the first 64 KiB)
// and keeps columns compactly: Numeric, Boolean and Date columns as float64
// values, Categorical (and Boolean) columns as dictionary codes, so a
// frame's cell text is the value formatted for Numeric and Date cells
// ("1.50" reads back as "1.5", dates as "2006-01-02"). Kinds are inferred
// (see NewFrame): dates in common forms (2024-03-01, 2024/3/1, 2024年3月1日,
// with times and zones; dd/mm/yyyy only when the column shows which number
// is the day) make Date columns, as do Excel cells formatted as dates. A
// numeric column with a few stray texts ("forty", "unknown") stays Numeric:
// they read as missing and Frame.Warnings says which and where, unless
// Loader.StrictNumbers makes them an error.
//
// Nothing here panics on bad input: ragged rows, text invalid in its
// encoding, text in a numeric column declared by a Schema, infinite
// numbers, empty files, unknown or single-class targets, unseen categories
// and absent columns are errors that name the file (ReadFile), the line,
// row (counting data rows from 1) and column, and quote at most a few
// values.
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
//	fmt.Print(q.Text())
//
// Summary, Roles and Quality hold data and render as Text (Roles and
// Quality also as JSON, kept in a run's config.json); package reports
// renders them as HTML tables for a notebook (reports.DataSummary,
// reports.RolesTable, reports.QualityTable):
//
//	kernel.Show(reports.QualityTable(q))
//
// DetectPersonal finds e-mail, phone, PRC resident ID number and name
// columns; Pseudonymise replaces such values by keyed HMAC tokens that can
// still be joined and counted but not reversed.
package data
