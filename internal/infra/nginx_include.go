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
	// StandIn marks a well-known file that is not in the tree
	// (proxy_params, certbot's options-ssl-nginx.conf): File holds what
	// that file is known to contain, and its directives are placed at the
	// include directive, so that findings point at the include.
	StandIn bool
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
	budget := maxExpanded
	return ResolveIncludesWithin(path, f, lookup, &budget)
}

// ResolveIncludesWithin is ResolveIncludes with a budget of directives
// shared by the configurations of a tree: every nginx file is a root, and
// each expanding a large include to its own bound made many small files
// hold gigabytes.
func ResolveIncludesWithin(path string, f *NginxFile, lookup func(pattern, from string) []Included, budget *int) []*Directive {
	r := &resolver{lookup: lookup, active: map[string]bool{path: true}, budget: *budget}
	out := r.expand(f.Directives, path, 0)
	*budget = max(r.budget, 0)
	return out
}

// maxExpanded bounds the directives one configuration expands to: files
// that include each other through globs would otherwise expand to every
// ordering of themselves. Past it, includes stay unexpanded.
const maxExpanded = 200000

type resolver struct {
	lookup func(pattern, from string) []Included
	active map[string]bool
	budget int
}

func (r *resolver) expand(ds []*Directive, from string, depth int) []*Directive {
	out := make([]*Directive, 0, len(ds))
	for _, d := range ds {
		r.budget--
		if d.Name == "include" && !d.HasBlock && len(d.Args) == 1 && depth < maxIncludeDepth && r.budget > 0 {
			files := r.lookup(d.Args[0], from)
			if len(files) == 0 {
				out = append(out, d)
				continue
			}
			for _, inc := range files {
				if inc.StandIn {
					out = append(out, placeAt(inc.File.Directives, d, 0)...)
					continue
				}
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

// placeAt copies directives to the position and file of at.
func placeAt(ds []*Directive, at *Directive, depth int) []*Directive {
	if depth > maxDepth {
		return nil
	}
	out := make([]*Directive, 0, len(ds))
	for _, d := range ds {
		c := *d
		c.Pos, c.End, c.File = at.Pos, at.Pos, at.File
		c.Block = placeAt(d.Block, at, depth+1)
		out = append(out, &c)
	}
	return out
}
