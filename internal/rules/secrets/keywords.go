package secrets

import (
	"bytes"
	"errors"
)

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

// kwMatch is one keyword occurrence: the offset just past its end and the
// keyword's index.
type kwMatch struct {
	end, kw int
}

// streams is how many parts of a file the scanner walks at once. One DFA
// walk is a chain of dependent table loads; walking four independent parts
// in the same loop lets the processor overlap their loads.
const streams = 4

// find appends to out every keyword occurrence in data, in order of their
// ends.
func (ks *keywordSet) find(data []byte, out []kwMatch) []kwMatch {
	if len(data) < 16<<10 {
		_, out = ks.walk(data, 0, len(data), 0, out)
		return out
	}
	// Cut at line ends: keywords never span lines, so no occurrence is
	// split between two parts.
	var b [streams + 1]int
	b[streams] = len(data)
	for k := 1; k < streams; k++ {
		p := len(data) * k / streams
		if j := bytes.IndexByte(data[p:], '\n'); j >= 0 {
			p += j + 1
		} else {
			p = len(data)
		}
		b[k] = max(p, b[k-1])
	}
	n := len(data)
	for k := 0; k < streams; k++ {
		n = min(n, b[k+1]-b[k])
	}
	next, class := ks.next, &ks.class
	var parts [streams][]kwMatch
	var st [streams]uint16
	d0, d1, d2, d3 := data[b[0]:b[1]], data[b[1]:b[2]], data[b[2]:b[3]], data[b[3]:b[4]]
	d0, d1, d2, d3 = d0[:n], d1[:n], d2[:n], d3[:n]
	s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
	for i := 0; i < n; i++ {
		t0 := next[s0+uint16(class[d0[i]])]
		t1 := next[s1+uint16(class[d1[i]])]
		t2 := next[s2+uint16(class[d2[i]])]
		t3 := next[s3+uint16(class[d3[i]])]
		s0, s1, s2, s3 = t0&^matchBit, t1&^matchBit, t2&^matchBit, t3&^matchBit
		if (t0|t1|t2|t3)&matchBit != 0 {
			for k, t := range [streams]uint16{t0, t1, t2, t3} {
				if t&matchBit != 0 {
					parts[k] = ks.emit(parts[k], t&^matchBit, b[k]+i+1)
				}
			}
		}
	}
	st = [streams]uint16{s0, s1, s2, s3}
	for k := 0; k < streams; k++ {
		_, parts[k] = ks.walk(data, b[k]+n, b[k+1], st[k], parts[k])
		out = append(out, parts[k]...)
	}
	return out
}

// walk runs the automaton over data[from:to] from state s.
func (ks *keywordSet) walk(data []byte, from, to int, s uint16, out []kwMatch) (uint16, []kwMatch) {
	next, class := ks.next, &ks.class
	for i := from; i < to; i++ {
		t := next[s+uint16(class[data[i]])]
		s = t &^ matchBit
		if t&matchBit != 0 {
			out = ks.emit(out, s, i+1)
		}
	}
	return s, out
}

func (ks *keywordSet) emit(out []kwMatch, s uint16, end int) []kwMatch {
	for _, kw := range ks.out[int(s)/ks.nc] {
		out = append(out, kwMatch{end, kw})
	}
	return out
}
