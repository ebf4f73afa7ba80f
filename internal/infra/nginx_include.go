package infra

// ParseNginxFile is ParseNginx that records path in every directive.
func ParseNginxFile(path string, src []byte) *NginxFile {
	f := ParseNginx(src)
	setFile(f.Directives, path)
	return f
}

func setFile(ds []*Directive, path string) {
	for _, d := range ds {
		d.File = path
		setFile(d.Block, path)
	}
}

// Included is a file an include directive names.
type Included struct {
	Path string
	File *NginxFile
}

// maxIncludeDepth bounds chains of includes; nginx itself has no limit but
// real configurations nest two or three deep.
const maxIncludeDepth = 16

// ResolveIncludes returns the directives of f with every include directive
// replaced by the directives of the files it names, recursively. lookup
// returns the files an include pattern matches, seen from the file holding
// the include; a pattern that matches nothing keeps its include directive,
// so that rules can tell "not set" from "set in a file djsec cannot see".
// A file that includes itself, directly or not, is not expanded again.
// Directives are shared with the parsed files, never modified; blocks that
// hold an include are copies.
func ResolveIncludes(path string, f *NginxFile, lookup func(pattern, from string) []Included) []*Directive {
	r := &resolver{lookup: lookup, active: map[string]bool{path: true}}
	return r.expand(f.Directives, path, 0)
}

type resolver struct {
	lookup func(pattern, from string) []Included
	active map[string]bool
}

func (r *resolver) expand(ds []*Directive, from string, depth int) []*Directive {
	out := make([]*Directive, 0, len(ds))
	for _, d := range ds {
		if d.Name == "include" && !d.HasBlock && len(d.Args) == 1 && depth < maxIncludeDepth {
			files := r.lookup(d.Args[0], from)
			if len(files) == 0 {
				out = append(out, d)
				continue
			}
			for _, inc := range files {
				if r.active[inc.Path] {
					continue
				}
				r.active[inc.Path] = true
				out = append(out, r.expand(inc.File.Directives, inc.Path, depth+1)...)
				delete(r.active, inc.Path)
			}
			continue
		}
		if d.HasBlock && hasInclude(d.Block) {
			c := *d
			c.Block = r.expand(d.Block, from, depth)
			d = &c
		}
		out = append(out, d)
	}
	return out
}

func hasInclude(ds []*Directive) bool {
	for _, d := range ds {
		if d.Name == "include" || (d.HasBlock && hasInclude(d.Block)) {
			return true
		}
	}
	return false
}
