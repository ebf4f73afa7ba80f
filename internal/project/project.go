// Package project describes the tree djsec scans: which files it holds, which
// of them are Python, templates or plain text, and the inputs the user gave
// for the whole scan (environment values, a settings module, a vulnerability
// database).
//
// Walk lists files the way a user expects: it leaves out version control,
// virtualenvs, node_modules, caches and whatever .gitignore or --exclude
// exclude, and reports what it could not read instead of stopping. The
// tree is written by whoever wrote the repository, so Walk never opens a
// file that is not regular (a FIFO named settings.py would block the scan
// forever; OpenRegular and ReadRegular are for every other read too), and
// does not follow symbolic links that lead out of the root unless asked
// (WalkOptions.FollowOutside): a note names them. A link to a file or
// folder inside the tree is not followed either, since its target is
// scanned under its own name; the alias it makes lets Project.File find a
// file through the link (an include of requirements/base.txt where
// requirements links to reqs).
//
// The repository's own facts are read here too, once, so that rules never
// open paths themselves: what .gitignore ignores (Ignored), what the git
// index tracks (Tracked, read from .git/index without running git), and the
// content of a tracked file that the walk left out (ReadTracked).
package project

import (
	"path"
	"path/filepath"
	"strings"
)

// Inputs are the user's answers to questions the code cannot answer by
// itself. Rules read them; the CLI fills them from flags.
type Inputs struct {
	// Settings is the dotted settings module to audit (--settings); empty
	// means every settings module found.
	Settings string
	// Env holds environment values from --env and --env-file, used to
	// resolve os.environ lookups in settings.
	Env map[string]string
	// DB is the path of an OSV vulnerability database (--db); empty means the
	// user cache, if `djsec db update` filled it.
	DB string
	// FollowOutside allows reading outside the root where the tree points
	// there (--follow-outside-links): symbolic links, and a .git file naming
	// a git directory elsewhere.
	FollowOutside bool
	// LeftOut, when set, names the files whose findings the scan leaves
	// out (tests, fixtures and examples under the default test policy):
	// the analyses of Python code read no module it names. Their findings
	// would only be counted, and on a project whose tests are most of its
	// code, their syntax trees were most of a scan's memory.
	LeftOut func(rel string) bool
}

// Project is one scanned tree.
type Project struct {
	Root   string  // absolute path of the scanned root
	Files  []*File // sorted by Path
	Inputs Inputs

	byPath  map[string]*File
	aliases map[string]string // symbolic links inside the tree: link path -> target path
	memo    memo
}

// New makes a Project of files found under root.
func New(root string, files []*File, in Inputs) *Project {
	p := &Project{Root: root, Files: files, Inputs: in, byPath: make(map[string]*File, len(files))}
	for _, f := range files {
		p.byPath[f.Path] = f
	}
	return p
}

// File returns the file at rel (relative, slash-separated), or nil when the
// scan does not include it. A path through a symbolic link inside the tree
// finds the file under its real path.
func (p *Project) File(rel string) *File {
	if f := p.byPath[rel]; f != nil || len(p.aliases) == 0 {
		return f
	}
	return p.byPath[p.Resolve(rel)]
}

// ImportedFile returns the file of the Python module name that the file
// from imports at level (from .utils import x: level 1; from app.utils
// import x: level 0), or nil. A relative import is resolved from from's
// folder; an absolute one from its folder and then each folder above it,
// the source roots a project may have (src/, the settings' parent).
func (p *Project) ImportedFile(from *File, name string, level int) *File {
	rel := strings.ReplaceAll(name, ".", "/")
	dir := path.Dir(from.Path)
	for i := 1; i < level; i++ {
		dir = path.Dir(dir)
	}
	for {
		for _, cand := range []string{rel + ".py", rel + "/__init__.py"} {
			if g := p.File(path.Clean(path.Join(dir, cand))); g != nil && g != from {
				return g
			}
		}
		if level > 0 || dir == "." || dir == "/" || dir == "" {
			return nil
		}
		dir = path.Dir(dir)
	}
}

// Alias records that the symbolic link at link (a path relative to the
// root) leads to target, a path inside the tree ("" or "." for the root).
// Walk reports aliases as Issues; the scan passes them on here.
func (p *Project) Alias(link, target string) {
	if p.aliases == nil {
		p.aliases = map[string]string{}
	}
	if target == "." {
		target = ""
	}
	p.aliases[link] = target
}

// Resolve returns rel with the symbolic links inside the tree on its way
// replaced by their targets: the path the scan knows the file by.
func (p *Project) Resolve(rel string) string {
	for range 40 { // links to links, but never a loop
		changed := false
		for prefix := rel; prefix != "." && prefix != ""; prefix = path.Dir(prefix) {
			if t, ok := p.aliases[prefix]; ok {
				rel = path.Join(t, strings.TrimPrefix(rel, prefix))
				rel = strings.TrimPrefix(rel, "/")
				changed = true
				break
			}
		}
		if !changed {
			break
		}
	}
	return rel
}

// OfKind returns the files that have every kind in k, in path order.
func (p *Project) OfKind(k Kind) []*File {
	var out []*File
	byName := k &^ Text
	for _, f := range p.Files {
		// The name decides every kind but Text, and Kind reads the file
		// (again, if the runner released it): checking the name first
		// keeps OfKind(Python) from loading the content of every file
		// in the tree and holding it for the rest of the scan.
		if f.nameKind()&byName != byName {
			continue
		}
		if f.Kind()&k == k {
			out = append(out, f)
		}
	}
	return out
}

// Named returns the files whose name gives them every kind in k but
// Text, in path order, without reading them: OfKind is Named followed by
// a read of each file, which a caller that reads the files anyway can do
// in parallel (checking Kind as it does).
func (p *Project) Named(k Kind) []*File {
	var out []*File
	byName := k &^ Text
	for _, f := range p.Files {
		if f.nameKind()&byName == byName {
			out = append(out, f)
		}
	}
	return out
}

// Memo returns the value fn computes for key, computing it once per scan.
// Whole-project analyses (settings evaluation, the vulnerability database,
// call graphs) use it so that every rule shares one result.
func (p *Project) Memo(key string, fn func() any) any { return p.memo.get(key, fn) }

// Ignored reports whether git would ignore rel under the root's .gitignore
// files. Rules use it to tell a committed .env from a local one.
func (p *Project) Ignored(rel string) bool {
	ig := &Ignore{}
	dir := ""
	parts := strings.Split(rel, "/")
	for i := 0; i < len(parts); i++ {
		if data, err := ReadRegular(filepath.Join(p.Root, filepath.FromSlash(dir), ".gitignore"), maxIgnoreFile); err == nil {
			ig = ig.Merge(ParseIgnore(dir, data))
		}
		if i < len(parts)-1 {
			dir = joinRel(dir, parts[i])
			if ig.Match(dir, true) {
				return true
			}
		}
	}
	return ig.Match(rel, false)
}
