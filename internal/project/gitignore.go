package project

import (
	"bufio"
	"bytes"
	"path"
	"strings"
)

// Ignore is an ordered list of gitignore patterns. djsec uses the same syntax
// for .gitignore files, --exclude flags and the exclude list of .djsec.toml,
// so users write one kind of pattern everywhere.
//
// A merged Ignore points at the one it extends instead of copying its
// patterns: a tree nested a thousand folders deep with a .gitignore in each
// would otherwise hold the square of its patterns.
type Ignore struct {
	parent   *Ignore
	patterns []pattern
}

type pattern struct {
	base     string   // directory of the .gitignore, "" for the root
	segs     []string // pattern split on "/"
	negate   bool
	dirOnly  bool
	anchored bool // contains a slash: matched from base, not at any depth
	literal  bool // not anchored and without wildcards: a name to compare
	// suffix and prefix mark an unanchored pattern of one star and a
	// literal ("*.pyc", "local_*"): the name's end or start is compared
	// with fixed, the literal.
	suffix, prefix bool
	fixed          string
	// lead is what every path an anchored pattern matches starts with:
	// the pattern up to its first wildcard, or all of it (then plain).
	lead  string
	plain bool
	// must is the longest run of literal bytes of an unanchored glob
	// ("*.py[cod]" must hold ".py"): a name without it cannot match.
	must string
}

// ParseIgnore reads patterns in gitignore syntax that apply below base (a
// slash-separated path relative to the scanned root, "" for the root).
func ParseIgnore(base string, data []byte) *Ignore {
	ig := &Ignore{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		ig.Add(base, sc.Text())
	}
	return ig
}

// Add appends one pattern line.
func (ig *Ignore) Add(base, line string) {
	line = strings.TrimRight(line, "\r")
	line = trimTrailingSpace(line)
	if line == "" || line[0] == '#' {
		return
	}
	p := pattern{base: base}
	if line[0] == '!' {
		p.negate = true
		line = line[1:]
	} else if line[0] == '\\' && len(line) > 1 && (line[1] == '!' || line[1] == '#') {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return
	}
	if strings.Contains(line, "/") {
		p.anchored = true
		line = strings.TrimPrefix(line, "/")
	}
	// Consecutive "**" mean what one does; collapsing them keeps a line of
	// a thousand from costing as much to match.
	for _, s := range strings.Split(line, "/") {
		if s == "**" && len(p.segs) > 0 && p.segs[len(p.segs)-1] == "**" {
			continue
		}
		p.segs = append(p.segs, s)
	}
	// Every path of the tree meets every pattern: most patterns name a
	// file or folder outright, which a comparison decides.
	p.literal = !p.anchored && len(p.segs) == 1 && !strings.ContainsAny(p.segs[0], `*?[\`)
	if p.anchored {
		p.lead = strings.Join(p.segs, "/")
		p.plain = true
		if i := strings.IndexAny(p.lead, `*?[\`); i >= 0 {
			p.lead, p.plain = p.lead[:i], false
		}
	}
	if !p.anchored && len(p.segs) == 1 && !strings.Contains(p.segs[0], `\`) {
		p.must = longestLiteral(p.segs[0])
	}
	if seg := p.segs[0]; !p.anchored && len(p.segs) == 1 && len(seg) > 1 {
		switch rest := seg[1:]; {
		case seg[0] == '*' && !strings.ContainsAny(rest, `*?[\`):
			p.suffix, p.fixed = true, rest
		case seg[len(seg)-1] == '*' && !strings.ContainsAny(seg[:len(seg)-1], `*?[\`):
			p.prefix, p.fixed = true, seg[:len(seg)-1]
		}
	}
	ig.patterns = append(ig.patterns, p)
}

// Merge appends other's patterns after ig's, so that other's win on conflict
// (a nested .gitignore overrides its parent's).
func (ig *Ignore) Merge(other *Ignore) *Ignore {
	if other == nil || len(other.patterns) == 0 && other.parent == nil {
		return ig
	}
	if other.parent != nil {
		// other is itself merged: keep its chain whole, after ig's.
		out := ig
		for _, o := range other.chain() {
			out = &Ignore{parent: out, patterns: o.patterns}
		}
		return out
	}
	return &Ignore{parent: ig, patterns: other.patterns}
}

// chain returns the Ignores of ig's chain, outermost first.
func (ig *Ignore) chain() []*Ignore {
	var out []*Ignore
	for c := ig; c != nil; c = c.parent {
		out = append(out, c)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Match reports whether rel (slash-separated, relative to the root) is
// ignored. The last matching pattern decides, as in git.
func (ig *Ignore) Match(rel string, isDir bool) bool {
	name := path.Base(rel)
	// The last matching pattern decides: look from the innermost and
	// latest back, and stop at the first match.
	for c := ig; c != nil; c = c.parent {
		for i := len(c.patterns) - 1; i >= 0; i-- {
			p := &c.patterns[i]
			if p.dirOnly && !isDir {
				continue
			}
			if p.match(rel, name) {
				return !p.negate
			}
		}
	}
	return false
}

// match reports whether the pattern matches rel, whose last element is
// name. Every file of the tree meets every pattern in force, so the
// common shapes are decided without path.Match.
func (p *pattern) match(rel, name string) bool {
	if p.base != "" {
		if len(rel) <= len(p.base) || rel[len(p.base)] != '/' || rel[:len(p.base)] != p.base {
			return false
		}
		rel = rel[len(p.base)+1:]
		if rel == "" {
			name = path.Base(rel)
		}
	}
	switch {
	case p.literal:
		return p.segs[0] == name
	case p.suffix:
		return strings.HasSuffix(name, p.fixed)
	case p.prefix:
		return strings.HasPrefix(name, p.fixed)
	case !p.anchored:
		return strings.Contains(name, p.must) && globMatch(p.segs[0], name)
	case p.plain:
		return rel == p.lead
	case !strings.HasPrefix(rel, p.lead):
		return false
	}
	return matchSegs(p.segs, strings.Split(rel, "/"))
}

// matchSegs matches pattern segments against path segments, where "**"
// stands for any number of whole segments (at least one when it ends the
// pattern). It fills a table of which pattern suffixes match which name
// suffixes, so a pattern with many "**" costs the product of the lengths,
// never exponential backtracking.
func matchSegs(pat, name []string) bool {
	// next[j] says whether pat[i+1:] matches name[j:]; cur is for pat[i:].
	next := make([]bool, len(name)+1)
	cur := make([]bool, len(name)+1)
	next[len(name)] = true // the empty pattern matches the empty name
	for i := len(pat) - 1; i >= 0; i-- {
		for j := len(name); j >= 0; j-- {
			switch {
			case pat[i] == "**" && i == len(pat)-1:
				cur[j] = j < len(name)
			case pat[i] == "**":
				// Zero segments, or one more and "**" again.
				cur[j] = next[j] || j < len(name) && cur[j+1]
			default:
				cur[j] = j < len(name) && next[j+1] && globMatch(pat[i], name[j])
			}
		}
		cur, next = next, cur
	}
	return next[0]
}

// longestLiteral returns the longest run of pat outside its wildcards
// and character classes (pat holds no escapes).
func longestLiteral(pat string) string {
	best, start := "", 0
	for i := 0; i <= len(pat); i++ {
		if i < len(pat) && pat[i] != '*' && pat[i] != '?' && pat[i] != '[' {
			continue
		}
		if i-start > len(best) {
			best = pat[start:i]
		}
		if i < len(pat) && pat[i] == '[' {
			// A class ends at the first ']' after its first member,
			// which may be ']' itself (after a '^').
			k := i + 1
			if k < len(pat) && pat[k] == '^' {
				k++
			}
			j := strings.IndexByte(pat[min(k+1, len(pat)):], ']')
			if j < 0 {
				return best
			}
			i = min(k+1, len(pat)) + j
		}
		start = i + 1
	}
	return best
}

func globMatch(pat, name string) bool {
	ok, err := path.Match(pat, name)
	return err == nil && ok
}

func trimTrailingSpace(s string) string {
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\\ ") {
		s = s[:len(s)-1]
	}
	return s
}

// MatchPath reports whether rel or any directory above it is ignored. It is
// how a pattern such as "tests/" applies to a file deep below tests, outside
// of a walk that would have pruned the directory.
func (ig *Ignore) MatchPath(rel string) bool {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		if ig.Match(strings.Join(parts[:i], "/"), true) {
			return true
		}
	}
	return ig.Match(rel, false)
}
