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
	// states at which at least one keyword ends. The table has an entry
	// for every uint16, so that indexing it needs no bounds check, and a
	// state's row is copied at its index with matchBit set, so that the
	// scanning loop need not clear the bit before the next step.
	next *[1 << 16]uint16
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
	next := make([]uint16, len(nodes)*ks.nc)
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
					nodes[n].fail = int(next[nodes[s].fail*ks.nc+c] &^ matchBit)
				}
				next[s*ks.nc+c] = uint16(n)
				queue = append(queue, n)
			} else if s != 0 {
				next[s*ks.nc+c] = next[nodes[s].fail*ks.nc+c] &^ matchBit
			}
		}
	}
	for s := range nodes {
		ks.out[s] = nodes[s].out
	}
	// Store next states premultiplied by the number of classes, so that
	// the scanning loop adds instead of multiplying.
	for i, t := range next {
		v := t * uint16(ks.nc)
		if len(nodes[t].out) > 0 {
			v |= matchBit
		}
		next[i] = v
	}
	ks.next = new([1 << 16]uint16)
	copy(ks.next[:], next)
	for s := range nodes {
		if len(nodes[s].out) > 0 {
			copy(ks.next[s*ks.nc|matchBit:], next[s*ks.nc:(s+1)*ks.nc])
		}
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

// findSplitMin is the size from which find walks a file in streams
// parts. Most source files are a few kilobytes: splitting them too
// scans netbox's Python a third faster than walking them whole.
const findSplitMin = 2 << 10

// find appends to out every keyword occurrence in data, in order of their
// ends.
func (ks *keywordSet) find(data []byte, out []kwMatch) []kwMatch {
	if len(data) < findSplitMin {
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
	var parts [streams][]kwMatch
	var st [streams]uint16
	d0, d1, d2, d3 := data[b[0]:b[1]], data[b[1]:b[2]], data[b[2]:b[3]], data[b[3]:b[4]]
	d0, d1, d2, d3 = d0[:n], d1[:n], d2[:n], d3[:n]
	for i := 0; ; i++ {
		i = step4(ks.next, &ks.class, d0, d1, d2, d3, i, &st)
		if i >= n {
			break
		}
		for k, t := range st {
			if t&matchBit != 0 {
				parts[k] = ks.emit(parts[k], t&^matchBit, b[k]+i+1)
			}
		}
	}
	for k := 0; k < streams; k++ {
		_, parts[k] = ks.walk(data, b[k]+n, b[k+1], st[k], parts[k])
		out = append(out, parts[k]...)
	}
	return out
}

// step4 runs the automaton over d0..d3 (of one length) at once from i and
// the states st, and stops after the first byte at which a keyword ends in
// any of them, or at the end. It makes no call, so that its loop keeps
// every state in a register: a state spilled to memory puts a store and a
// load on the chain of dependent loads that bounds the loop's speed.
func step4(next *[1 << 16]uint16, class *[256]uint8, d0, d1, d2, d3 []byte, i int, st *[streams]uint16) int {
	n := len(d0)
	d1, d2, d3 = d1[:n], d2[:n], d3[:n]
	s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
	for ; i < n; i++ {
		s0 = next[s0+uint16(class[d0[i]])]
		s1 = next[s1+uint16(class[d1[i]])]
		s2 = next[s2+uint16(class[d2[i]])]
		s3 = next[s3+uint16(class[d3[i]])]
		if (s0|s1|s2|s3)&matchBit != 0 {
			break
		}
	}
	*st = [streams]uint16{s0, s1, s2, s3}
	return i
}

// walk runs the automaton over data[from:to] from state s.
func (ks *keywordSet) walk(data []byte, from, to int, s uint16, out []kwMatch) (uint16, []kwMatch) {
	next, class := ks.next, &ks.class
	for i := from; i < to; i++ {
		s = next[s+uint16(class[data[i]])]
		if s&matchBit != 0 {
			out = ks.emit(out, s&^matchBit, i+1)
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
