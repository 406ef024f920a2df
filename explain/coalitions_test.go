package explain

import (
	"math/rand/v2"
	"testing"
)

// TestCoalitionsIndex: a mask listed again gets its first index and a new
// one the next, for one word of players and several, through the table's
// growth; a clone lists what its original did and grows apart from it.
func TestCoalitionsIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, players := range []int{3, 12, 64, 65, 130} {
		c := newCoalitions(players)
		var masks []mask
		for range 500 {
			m := newMask(players)
			for p := range players {
				if rng.IntN(3) == 0 {
					m.set(p)
				}
			}
			masks = append(masks, m)
		}
		first := map[string]int{} // each distinct mask's first index
		for _, m := range masks {
			key := string(maskBytes(m))
			want, seen := first[key]
			if !seen {
				want = len(first)
				first[key] = want
			}
			if got := c.add(m); got != want {
				t.Fatalf("%d players: index %d, want %d", players, got, want)
			}
		}
		if c.len() != len(first) {
			t.Fatalf("%d players: %d listed, want %d", players, c.len(), len(first))
		}
		d := c.clone()
		full := newMask(players)
		for p := range players {
			full.set(p)
		}
		want, seen := first[string(maskBytes(full))]
		if !seen {
			want = len(first)
		}
		if got := d.add(full); got != want || d.add(masks[0]) != 0 || c.len() != len(first) {
			t.Errorf("%d players: clone: index %d of the full mask (want %d); the original lists %d (want %d)", players, got, want, c.len(), len(first))
		}
	}
}

func maskBytes(m mask) []byte {
	var b []byte
	for _, w := range m {
		for s := 0; s < 64; s += 8 {
			b = append(b, byte(w>>s))
		}
	}
	return b
}

// TestMaskMembers: members lists the players in and out of a mask in
// increasing order, never one past the player count.
func TestMaskMembers(t *testing.T) {
	for _, players := range []int{1, 5, 64, 70} {
		m := newMask(players)
		var in, out []int
		for p := range players {
			if p%3 == 0 {
				m.set(p)
				in = append(in, p)
			} else {
				out = append(out, p)
			}
		}
		if got := m.members(nil, players, true); !equalInts(got, in) {
			t.Errorf("%d players: in %v, want %v", players, got, in)
		}
		if got := m.members(nil, players, false); !equalInts(got, out) {
			t.Errorf("%d players: out %v, want %v", players, got, out)
		}
		if m.size() != len(in) {
			t.Errorf("%d players: size %d, want %d", players, m.size(), len(in))
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
