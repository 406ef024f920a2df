package data

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestStratifiedSplitKeepsProportions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	y := make([]float64, 1000)
	for i := range y {
		if rng.Float64() < 0.2 {
			y[i] = 1
		}
	}
	s, err := StratifiedSplit(y, 0.15, 0.25, 42)
	if err != nil {
		t.Fatal(err)
	}
	// A partition of 0..n−1.
	all := slices.Concat(s.Train, s.Validation, s.Test)
	slices.Sort(all)
	for i, r := range all {
		if r != i {
			t.Fatalf("not a partition: position %d holds %d", i, r)
		}
	}
	share := func(idx []int) float64 {
		n := 0.0
		for _, r := range idx {
			n += y[r]
		}
		return n / float64(len(idx))
	}
	overall := share(all)
	for name, part := range map[string][]int{"train": s.Train, "validation": s.Validation, "test": s.Test} {
		// Per-class rounding moves at most one row per class.
		if math.Abs(share(part)-overall) > 2.0/float64(len(part)) {
			t.Errorf("%s: positive share %v, overall %v", name, share(part), overall)
		}
	}
	if math.Abs(float64(len(s.Test))-250) > 1 || math.Abs(float64(len(s.Validation))-150) > 1 {
		t.Errorf("sizes train %d, validation %d, test %d", len(s.Train), len(s.Validation), len(s.Test))
	}
	again, _ := StratifiedSplit(y, 0.15, 0.25, 42)
	if !slices.Equal(s.Test, again.Test) || !slices.Equal(s.Validation, again.Validation) {
		t.Fatal("same seed gave a different split")
	}
	other, _ := StratifiedSplit(y, 0.15, 0.25, 43)
	if slices.Equal(s.Test, other.Test) {
		t.Fatal("another seed gave the same split")
	}
}

func TestRandomSplitAndFrames(t *testing.T) {
	s, err := RandomSplit(10, 0.2, 0.3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Train) != 5 || len(s.Validation) != 2 || len(s.Test) != 3 {
		t.Fatalf("sizes %d/%d/%d", len(s.Train), len(s.Validation), len(s.Test))
	}
	f := mustFrame(t, "i\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n")
	train, val, test, err := s.Frames(f)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := test.Floats("i")
	for k, r := range s.Test {
		if got[k] != float64(r) {
			t.Fatalf("test frame row %d holds %v, want %d", k, got[k], r)
		}
	}
	if train.Len()+val.Len()+test.Len() != 10 {
		t.Fatal("frames do not add up")
	}
}

func TestSplitErrors(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{second(RandomSplit(10, 0.5, 0.5, 1)), "sum < 1"},
		{second(RandomSplit(10, -0.1, 0.2, 1)), "validation=-0.1"},
		{second(RandomSplit(10, math.NaN(), 0.2, 1)), "NaN"},
		{second(RandomSplit(0, 0.1, 0.1, 1)), "0 rows"},
		{second(StratifiedSplit(nil, 0.1, 0.1, 1)), "0 rows"},
		{second(StratifiedSplit([]float64{0, math.NaN()}, 0.1, 0.1, 1)), "row 2"},
		{second(RandomSplit(1, 0, 0.6, 1)), "no training rows"},
	}
	for i, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("case %d: error %v, want one containing %q", i, c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }
