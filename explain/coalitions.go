package explain

// coalitions is a set of distinct player masks, so that a coalition drawn
// twice costs its model rows once.
type coalitions struct {
	masks [][]bool
	index map[string]int
	key   []byte
}

func newCoalitions(players int) *coalitions {
	return &coalitions{index: map[string]int{}, key: make([]byte, (players+7)/8)}
}

// add returns the index of mask, adding a copy of it when it is new.
func (c *coalitions) add(mask []bool) int {
	clear(c.key)
	for p, on := range mask {
		if on {
			c.key[p/8] |= 1 << (p % 8)
		}
	}
	if i, ok := c.index[string(c.key)]; ok {
		return i
	}
	i := len(c.masks)
	c.index[string(c.key)] = i
	c.masks = append(c.masks, append([]bool(nil), mask...))
	return i
}

// values evaluates every coalition of the set in g: [coalition × output].
func (c *coalitions) values(g *game) ([]float64, error) {
	return g.values(len(c.masks), func(i int, dst []bool) { copy(dst, c.masks[i]) })
}
