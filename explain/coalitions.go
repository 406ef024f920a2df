package explain

// coalitions is a list of player masks, stored in one slice, that can
// skip masks already listed, so that a coalition drawn twice costs its
// model rows once.
type coalitions struct {
	players int
	flat    []bool         // mask i is flat[i*players : (i+1)*players]
	small   map[uint64]int // index of each listed mask, up to 64 players
	index   map[string]int // the same beyond 64 players
	key     []byte
}

func newCoalitions(players int) *coalitions {
	c := &coalitions{players: players}
	if players <= 64 {
		c.small = map[uint64]int{}
	} else {
		c.index, c.key = map[string]int{}, make([]byte, (players+7)/8)
	}
	return c
}

// len returns the number of masks listed.
func (c *coalitions) len() int { return len(c.flat) / c.players }

// mask returns mask i (not a copy).
func (c *coalitions) mask(i int) []bool { return c.flat[i*c.players : (i+1)*c.players] }

// add returns the index of mask, listing a copy of it when it is new.
func (c *coalitions) add(mask []bool) int {
	if c.small != nil {
		var key uint64
		for p, on := range mask {
			if on {
				key |= 1 << p
			}
		}
		if i, ok := c.small[key]; ok {
			return i
		}
		i := c.appendNew(mask)
		c.small[key] = i
		return i
	}
	clear(c.key)
	for p, on := range mask {
		if on {
			c.key[p/8] |= 1 << (p % 8)
		}
	}
	if i, ok := c.index[string(c.key)]; ok {
		return i
	}
	i := c.appendNew(mask)
	c.index[string(c.key)] = i
	return i
}

// appendNew lists a copy of mask, which the caller knows is new and will
// never be passed to add, and returns its index.
func (c *coalitions) appendNew(mask []bool) int {
	c.flat = append(c.flat, mask...)
	return c.len() - 1
}

// values evaluates every listed coalition in g: [coalition × output].
func (c *coalitions) values(g *game) ([]float64, error) {
	return g.values(c.len(), func(i int, dst []bool) { copy(dst, c.mask(i)) })
}
