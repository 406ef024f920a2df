package explain

import "testing"

// TestCoalitionsIndex: a mask listed again gets its first index, a new one
// the next, with the bitmask key (≤ 64 players) and the byte key (more).
func TestCoalitionsIndex(t *testing.T) {
	for _, players := range []int{3, 64, 65, 130} {
		c := newCoalitions(players)
		a, b := make([]bool, players), make([]bool, players)
		a[0], a[players-1] = true, true
		b[players-1] = true
		if i, j, k := c.add(a), c.add(b), c.add(a); i != 0 || j != 1 || k != 0 || c.len() != 2 {
			t.Errorf("%d players: indices %d %d %d, %d listed; want 0 1 0, 2", players, i, j, k, c.len())
		}
	}
}
