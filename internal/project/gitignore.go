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
type Ignore struct {
	patterns []pattern
}

type pattern struct {
	base     string   // directory of the .gitignore, "" for the root
	segs     []string // pattern split on "/"
	negate   bool
	dirOnly  bool
	anchored bool // contains a slash: matched from base, not at any depth
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
	p.segs = strings.Split(line, "/")
	ig.patterns = append(ig.patterns, p)
}

// Merge appends other's patterns after ig's, so that other's win on conflict
// (a nested .gitignore overrides its parent's).
func (ig *Ignore) Merge(other *Ignore) *Ignore {
	if other == nil || len(other.patterns) == 0 {
		return ig
	}
	out := &Ignore{patterns: make([]pattern, 0, len(ig.patterns)+len(other.patterns))}
	out.patterns = append(out.patterns, ig.patterns...)
	out.patterns = append(out.patterns, other.patterns...)
	return out
}

// Match reports whether rel (slash-separated, relative to the root) is
// ignored. The last matching pattern decides, as in git.
func (ig *Ignore) Match(rel string, isDir bool) bool {
	if ig == nil {
		return false
	}
	ignored := false
	for i := range ig.patterns {
		p := &ig.patterns[i]
		if p.dirOnly && !isDir {
			continue
		}
		if p.match(rel) {
			ignored = !p.negate
		}
	}
	return ignored
}

func (p *pattern) match(rel string) bool {
	if p.base != "" {
		if !strings.HasPrefix(rel, p.base+"/") {
			return false
		}
		rel = rel[len(p.base)+1:]
	}
	if !p.anchored {
		return globMatch(p.segs[0], path.Base(rel))
	}
	return matchSegs(p.segs, strings.Split(rel, "/"))
}

// matchSegs matches pattern segments against path segments, where "**"
// stands for any number of whole segments.
func matchSegs(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return len(name) > 0
			}
			for i := 0; i <= len(name); i++ {
				if matchSegs(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 || !globMatch(pat[0], name[0]) {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
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
