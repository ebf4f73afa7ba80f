package secrets

import "errors"

// keywordSet finds every occurrence of a set of keywords in one pass over a
// file, ignoring ASCII case. It is an Aho-Corasick automaton compiled to a
// full DFA over byte classes: the scanning loop is one table load per byte,
// with no failure links to follow, so that the prefilter runs near memory
// speed and the detectors' regexes only see the lines that hold a keyword.
type keywordSet struct {
	class [256]uint8 // byte -> class; 0 is "no keyword has this byte"
	nc    int        // number of classes
	// next[state*nc+class] is the next state, times nc; matchBit marks
	// states at which at least one keyword ends.
	next []uint16
	out  [][]int // keywords ending at each state (through its suffixes too)
}

const matchBit = 1 << 15

// errTooLarge is returned when the automaton outgrows its 16-bit table: a
// small table stays in the processor's first-level cache.
var errTooLarge = errors.New("keyword automaton too large: more than 32767 table entries")

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// newKeywordSet compiles keywords (matched case-insensitively).
func newKeywordSet(keywords []string) (*keywordSet, error) {
	ks := &keywordSet{}
	// Byte classes: one per distinct lower-case byte used by a keyword.
	for _, kw := range keywords {
		for i := 0; i < len(kw); i++ {
			b := lowerASCII(kw[i])
			if ks.class[b] == 0 {
				ks.nc++
				ks.class[b] = uint8(ks.nc)
			}
		}
	}
	ks.nc++ // class 0
	for b := 'A'; b <= 'Z'; b++ {
		ks.class[b] = ks.class[b+'a'-'A']
	}

	// The trie.
	type node struct {
		child map[uint8]int
		fail  int
		out   []int
	}
	nodes := []node{{child: map[uint8]int{}}}
	for i, kw := range keywords {
		s := 0
		for j := 0; j < len(kw); j++ {
			c := ks.class[lowerASCII(kw[j])]
			n, ok := nodes[s].child[c]
			if !ok {
				nodes = append(nodes, node{child: map[uint8]int{}})
				n = len(nodes) - 1
				nodes[s].child[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, i)
	}

	// Breadth-first: failure links, then the full transition table.
	if len(nodes)*ks.nc >= matchBit {
		return nil, errTooLarge
	}
	ks.next = make([]uint16, len(nodes)*ks.nc)
	ks.out = make([][]int, len(nodes))
	queue := []int{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if s != 0 {
			nodes[s].out = append(nodes[s].out, nodes[nodes[s].fail].out...)
		}
		for c := 0; c < ks.nc; c++ {
			if n, ok := nodes[s].child[uint8(c)]; ok && c != 0 {
				if s == 0 {
					nodes[n].fail = 0
				} else {
					nodes[n].fail = int(ks.next[nodes[s].fail*ks.nc+c] &^ matchBit)
				}
				ks.next[s*ks.nc+c] = uint16(n)
				queue = append(queue, n)
			} else if s != 0 {
				ks.next[s*ks.nc+c] = ks.next[nodes[s].fail*ks.nc+c] &^ matchBit
			}
		}
	}
	for s := range nodes {
		ks.out[s] = nodes[s].out
	}
	// Store next states premultiplied by the number of classes, so that
	// the scanning loop adds instead of multiplying.
	for i, t := range ks.next {
		v := t * uint16(ks.nc)
		if len(nodes[t].out) > 0 {
			v |= matchBit
		}
		ks.next[i] = v
	}
	return ks, nil
}

// scan calls fn with the end offset (exclusive) and index of every keyword
// occurrence in data, in order of their ends.
func (ks *keywordSet) scan(data []byte, fn func(end, kw int)) {
	next, class, nc := ks.next, &ks.class, uint16(ks.nc)
	var s uint16
	for i := 0; i < len(data); i++ {
		t := next[s+uint16(class[data[i]])]
		s = t &^ matchBit
		if t&matchBit != 0 {
			for _, kw := range ks.out[s/nc] {
				fn(i+1, kw)
			}
		}
	}
}
