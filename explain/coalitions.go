package explain

import "math/bits"

// mask is a coalition: bit p of word p/64 is set when player p is in it.
type mask []uint64

// newMask returns an empty mask for players players.
func newMask(players int) mask { return make(mask, (players+63)/64) }

func (m mask) has(p int) bool { return m[p/64]>>(p%64)&1 == 1 }
func (m mask) set(p int)      { m[p/64] |= 1 << (p % 64) }
func (m mask) flip(p int)     { m[p/64] ^= 1 << (p % 64) }

// size returns the number of players in m.
func (m mask) size() int {
	n := 0
	for _, w := range m {
		n += bits.OnesCount64(w)
	}
	return n
}

// members appends to dst the players p < players, in increasing order,
// that are in m (in) or not in it (!in).
func (m mask) members(dst []int, players int, in bool) []int {
	for i, w := range m {
		if !in {
			w = ^w
		}
		if rest := players - 64*i; rest < 64 {
			w &= 1<<rest - 1
		}
		for w != 0 {
			dst = append(dst, 64*i+bits.TrailingZeros64(w))
			w &= w - 1
		}
	}
	return dst
}

// coalitions is a list of masks, stored in one slice, that can skip masks
// already listed, so that a coalition drawn twice costs its model rows
// once.
type coalitions struct {
	players, words int
	flat           []uint64 // mask i is flat[i*words : (i+1)*words]
	table          []int32  // open addressing by hash: index+1 of a listed mask, 0 for none
	indexed        int      // masks in table
}

func newCoalitions(players int) *coalitions {
	return &coalitions{players: players, words: (players + 63) / 64}
}

// clone returns a copy of c that shares nothing with it.
func (c *coalitions) clone() *coalitions {
	d := *c
	d.flat = append([]uint64(nil), c.flat...)
	d.table = append([]int32(nil), c.table...)
	return &d
}

// len returns the number of masks listed.
func (c *coalitions) len() int { return len(c.flat) / c.words }

// mask returns mask i (not a copy).
func (c *coalitions) mask(i int) mask { return c.flat[i*c.words : (i+1)*c.words] }

// add returns the index of m, listing a copy of it when it is new.
func (c *coalitions) add(m mask) int {
	if 2*(c.indexed+1) > len(c.table) {
		c.grow()
	}
	slot := c.find(m)
	if i := c.table[slot]; i > 0 {
		return int(i) - 1
	}
	i := c.appendNew(m)
	c.table[slot] = int32(i + 1)
	c.indexed++
	return i
}

// find returns the slot of m in the table, or the empty slot where it
// belongs.
func (c *coalitions) find(m mask) int {
	h := uint64(0x9e3779b97f4a7c15)
	for _, w := range m {
		h = (h ^ w) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	slots := len(c.table) - 1 // a power of two, less one
	for s := int(h) & slots; ; s = (s + 1) & slots {
		i := c.table[s]
		if i == 0 || equal(c.mask(int(i)-1), m) {
			return s
		}
	}
}

// grow doubles the table and indexes again the masks it held.
func (c *coalitions) grow() {
	old := c.table
	c.table = make([]int32, max(64, 2*len(old)))
	for _, i := range old {
		if i > 0 {
			c.table[c.find(c.mask(int(i)-1))] = i
		}
	}
}

func equal(a, b mask) bool {
	for i, w := range a {
		if b[i] != w {
			return false
		}
	}
	return true
}

// appendNew lists a copy of m, which the caller knows is new and will
// never be passed to add, and returns its index.
func (c *coalitions) appendNew(m mask) int {
	c.flat = append(c.flat, m...)
	return c.len() - 1
}

// values evaluates every listed coalition in g: [coalition × output].
func (c *coalitions) values(g *game) ([]float64, error) {
	return g.values(c.len(), func(i int, dst mask) { copy(dst, c.mask(i)) })
}
