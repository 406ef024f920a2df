package data

import (
	"fmt"
	"math"
)

// Impute names how a Pipeline fills missing cells of Numeric columns.
// Categorical and Boolean columns are always filled with their most frequent
// training value, except under ImputeDrop.
type Impute string

const (
	// ImputeMean fills with the mean of the (clipped) training values.
	ImputeMean Impute = "mean"
	// ImputeMedian fills with the median of the (clipped) training values.
	ImputeMedian Impute = "median"
	// ImputeMostFrequent fills with the most frequent training value
	// (the smallest one on ties).
	ImputeMostFrequent Impute = "most_frequent"
	// ImputeDrop fills nothing: Transform refuses missing cells, naming
	// them. Remove such rows beforehand with Frame.DropMissing.
	ImputeDrop Impute = "drop"
)

// Clip names how a Pipeline limits outliers of Numeric columns: values are
// clamped to [Lo, Hi] fitted on the training split.
type Clip string

const (
	// ClipNone leaves values as they are.
	ClipNone Clip = "none"
	// ClipIQR clamps to [Q1 − k·IQR, Q3 + k·IQR], IQR = Q3 − Q1 (Tukey's
	// fences; k = Options.IQRFactor, 1.5 by default).
	ClipIQR Clip = "iqr"
	// ClipPercentile clamps to the Options.Lower and Options.Upper
	// percentiles of the training values (1 and 99 by default).
	ClipPercentile Clip = "percentile"
)

// Scale names how a Pipeline rescales Numeric columns after clipping and
// imputation. Boolean columns stay 0/1 and one-hot columns stay 0/1.
type Scale string

const (
	// ScaleZScore maps x to (x − mean)/std, std the population standard
	// deviation of the training values (1 when it is 0).
	ScaleZScore Scale = "zscore"
	// ScaleMinMax maps x to (x − min)/(max − min) over the training
	// values (divisor 1 when max = min).
	ScaleMinMax Scale = "minmax"
	// ScaleNone leaves values in their units.
	ScaleNone Scale = "none"
)

// Options configures Fit. The zero value imputes means, does not clip,
// z-scores numeric columns and uses every column as a feature.
type Options struct {
	// Columns lists the feature columns, in order; empty means every
	// column of the training frame not in Exclude.
	Columns []string `json:"columns,omitempty"`
	// Exclude lists columns that are not features: the target, IDs.
	Exclude []string `json:"exclude,omitempty"`
	// Impute is the missing-value strategy; "" means ImputeMean.
	Impute Impute `json:"impute,omitempty"`
	// Clip is the outlier strategy; "" means ClipNone.
	Clip Clip `json:"clip,omitempty"`
	// IQRFactor is k of ClipIQR; 0 means 1.5.
	IQRFactor float64 `json:"iqr_factor,omitempty"`
	// Lower and Upper are the percentiles (0–100) of ClipPercentile;
	// both 0 mean 1 and 99.
	Lower float64 `json:"lower,omitempty"`
	Upper float64 `json:"upper,omitempty"`
	// Scale is the scaling of numeric columns; "" means ScaleZScore.
	Scale Scale `json:"scale,omitempty"`
	// MinCategoryCount pools the categories seen fewer times than this in
	// training into one category, "(other)"; 0 keeps every category.
	MinCategoryCount int `json:"min_category_count,omitempty"`
	// UnseenError makes a category not seen in training an error; by
	// default it encodes as "(other)" when rare categories were pooled, else
	// as all zeros in its one-hot group, and Pipeline.Unseen counts it.
	UnseenError bool `json:"unseen_error,omitempty"`
}

// withDefaults returns o with its zero fields replaced by their defaults,
// or an error naming the first invalid field.
func (o Options) withDefaults() (Options, error) {
	if o.Impute == "" {
		o.Impute = ImputeMean
	}
	if o.Clip == "" {
		o.Clip = ClipNone
	}
	if o.Scale == "" {
		o.Scale = ScaleZScore
	}
	switch o.Impute {
	case ImputeMean, ImputeMedian, ImputeMostFrequent, ImputeDrop:
	default:
		return o, fmt.Errorf("data: Options.Impute %q: want mean, median, most_frequent or drop", o.Impute)
	}
	switch o.Clip {
	case ClipNone, ClipIQR, ClipPercentile:
	default:
		return o, fmt.Errorf("data: Options.Clip %q: want none, iqr or percentile", o.Clip)
	}
	switch o.Scale {
	case ScaleZScore, ScaleMinMax, ScaleNone:
	default:
		return o, fmt.Errorf("data: Options.Scale %q: want zscore, minmax or none", o.Scale)
	}
	if o.IQRFactor == 0 {
		o.IQRFactor = 1.5
	}
	if !(o.IQRFactor > 0) || math.IsInf(o.IQRFactor, 0) {
		return o, fmt.Errorf("data: Options.IQRFactor %v: want a positive finite number", o.IQRFactor)
	}
	if o.MinCategoryCount < 0 {
		return o, fmt.Errorf("data: Options.MinCategoryCount %d: want 0 or more", o.MinCategoryCount)
	}
	if o.Lower == 0 && o.Upper == 0 {
		o.Lower, o.Upper = 1, 99
	}
	if !(0 <= o.Lower && o.Lower < o.Upper && o.Upper <= 100) {
		return o, fmt.Errorf("data: Options.Lower %v and Upper %v: want 0 ≤ Lower < Upper ≤ 100", o.Lower, o.Upper)
	}
	return o, nil
}
