package data

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestTallyMatchesCounts checks that tally, computed from compact columns,
// equals counts over the cell texts for every kind of column.
func TestTallyMatchesCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		f, err := ReadCSV(strings.NewReader(randomFrameText(rng, 1+rng.IntN(200))))
		if err != nil {
			t.Fatal(err)
		}
		g, _ := f.Subset([]int{0, 0, f.Len() - 1})
		for _, fr := range []*Frame{f, g} {
			for c, name := range fr.Names() {
				text, _ := fr.Strings(name)
				want, got := counts(text), fr.tally(c)
				if len(want) == 0 && len(got) == 0 {
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("trial %d, column %q (%v): tally %v, counts %v", trial, name, fr.kinds[c], got, want)
				}
			}
		}
	}
}
