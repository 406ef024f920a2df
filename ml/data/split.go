package data

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
)

// Split holds the row indices of a train/validation/test partition, each
// part in ascending order.
type Split struct {
	Train, Validation, Test []int
}

// RandomSplit partitions rows 0..n−1 at random: round(validation·n) rows
// to Validation, round(test·n) to Test, the rest to Train. The same seed
// gives the same split on every call and platform (PCG generator,
// Fisher–Yates shuffle).
func RandomSplit(n int, validation, test float64, seed int64) (Split, error) {
	if err := checkFractions(validation, test); err != nil {
		return Split{}, err
	}
	if n <= 0 {
		return Split{}, fmt.Errorf("data: split of %d rows", n)
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	var s Split
	s.add(rows, validation, test, newRand(seed))
	return s.finish()
}

// StratifiedSplit partitions rows 0..len(y)−1 so that each class (each
// distinct value of y) is split in the given fractions: of the n_c rows of
// class c, round(validation·n_c) go to Validation and round(test·n_c) to
// Test, chosen at random, the rest to Train. Class proportions are thus
// kept in every part up to rounding. The same seed gives the same split.
func StratifiedSplit(y []float64, validation, test float64, seed int64) (Split, error) {
	if err := checkFractions(validation, test); err != nil {
		return Split{}, err
	}
	if len(y) == 0 {
		return Split{}, errors.New("data: split of 0 rows")
	}
	byClass := map[float64][]int{}
	for r, v := range y {
		if math.IsNaN(v) {
			return Split{}, fmt.Errorf("data: StratifiedSplit: label of row %d is NaN", r+1)
		}
		byClass[v] = append(byClass[v], r)
	}
	rng := newRand(seed)
	var s Split
	for _, v := range slices.Sorted(maps.Keys(byClass)) {
		s.add(byClass[v], validation, test, rng)
	}
	return s.finish()
}

// Frames returns the train, validation and test parts of f.
func (s Split) Frames(f *Frame) (train, validation, test *Frame, err error) {
	if train, err = f.Subset(s.Train); err != nil {
		return nil, nil, nil, err
	}
	if validation, err = f.Subset(s.Validation); err != nil {
		return nil, nil, nil, err
	}
	if test, err = f.Subset(s.Test); err != nil {
		return nil, nil, nil, err
	}
	return train, validation, test, nil
}

// add shuffles rows and deals them to the three parts.
func (s *Split) add(rows []int, validation, test float64, rng *rand.Rand) {
	rows = slices.Clone(rows)
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	nTest := int(math.Round(test * float64(len(rows))))
	nVal := min(int(math.Round(validation*float64(len(rows)))), len(rows)-nTest)
	s.Test = append(s.Test, rows[:nTest]...)
	s.Validation = append(s.Validation, rows[nTest:nTest+nVal]...)
	s.Train = append(s.Train, rows[nTest+nVal:]...)
}

// finish sorts the parts and refuses an empty training part.
func (s Split) finish() (Split, error) {
	slices.Sort(s.Train)
	slices.Sort(s.Validation)
	slices.Sort(s.Test)
	if len(s.Train) == 0 {
		return Split{}, errors.New("data: split leaves no training rows")
	}
	return s, nil
}

// checkFractions requires 0 ≤ validation, 0 ≤ test, validation + test < 1.
func checkFractions(validation, test float64) error {
	if !(validation >= 0 && test >= 0 && validation+test < 1) {
		return fmt.Errorf("data: split fractions validation=%v test=%v: want both ≥ 0 with a sum < 1", validation, test)
	}
	return nil
}

// newRand returns the package's deterministic generator for seed.
func newRand(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
}
