// Package tplsrc connects the Django template parser to the scan: it parses
// each template once however many rules read it, and finds which files of a
// project Django renders as templates, which takes the settings evaluator
// (TEMPLATES DIRS). It is the bridge that keeps djtemplate a leaf, as pysrc
// keeps python one.
//
// IsTemplate says which files of a project Django renders as templates,
// as far as that can be told without running settings: files under a
// folder named templates (project.Template, never under a jinja2 folder),
// files with a template extension under a folder that a settings module's
// TEMPLATES DIRS names (as internal/settings evaluates it, and as a
// lexical reading of settings modules finds it: see Dirs), and every file that
// one of those includes or extends by a literal name (an .svg or .js
// included as a template, say). Resolve finds the file for a template
// name the way Django's loaders would, relative names included.
//
// ForFile parses a file once however many rules ask, through File.Memo.
package tplsrc

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/settings"
)

// Parsed is the result of reading and parsing one file.
type Parsed struct {
	*djtemplate.Template
	Err error // the file could not be read
}

// MaxParse is the size of the largest template parsed. Hand-written
// templates stay far below it; the nodes and HTML events of a template
// take many times its size, so a larger one (generated, or written to
// exhaust the scan) is reported instead of parsed.
const MaxParse = 1 << 20

// ErrTooLarge is Parsed.Err for a file larger than MaxParse.
var ErrTooLarge = fmt.Errorf("larger than the %d MB of template djsec parses", MaxParse>>20)

// ForFile returns f parsed as a template, parsing it once per file (every
// template rule shares the tree through File.Memo).
func ForFile(f *project.File) Parsed {
	return f.Memo("djtemplate.parse", func() any {
		if f.Size > MaxParse {
			return Parsed{Err: ErrTooLarge}
		}
		data, err := f.Content()
		if err != nil {
			return Parsed{Err: err}
		}
		return Parsed{Template: djtemplate.Parse(string(data))}
	}).(Parsed)
}

// templateExts are the extensions Django projects give templates that djsec
// reads as Django templates.
var templateExts = map[string]bool{".html": true, ".htm": true, ".txt": true, ".xml": true}

// Dirs returns the project's template directories, relative to the root,
// in the order Django would search them as far as djsec can tell without
// running settings: first the DIRS that settings files name, then every
// folder named templates (app directories and project-level ones).
//
// DIRS come from internal/settings, which evaluates TEMPLATES in every
// settings module, and from a lexical reading of modules named
// settings*.py or placed in a settings package, which catches what the
// evaluator cannot follow: each entry of a 'DIRS': [...] list is the
// sequence of string literals it holds, so BASE_DIR / "frontend" / "html"
// and os.path.join(BASE_DIR, "frontend", "html") both give frontend/html.
// Each is matched against the folders of the scanned tree, as the folder
// itself or as the end of its path (BASE_DIR need not be the scanned
// root). An absolute path or one built without literals is left out.
func Dirs(p *project.Project) []string {
	return p.Memo("djtemplate.dirs", func() any { return dirs(p) }).([]string)
}

func dirs(p *project.Project) []string {
	folders := map[string]bool{}
	var named []string
	seen := map[string]bool{}
	for _, f := range p.Files {
		for dir := path.Dir(f.Path); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
			if folders[dir] {
				break
			}
			folders[dir] = true
			if path.Base(dir) == "templates" && !underJinja2(dir) && !seen[dir] {
				seen[dir] = true
				named = append(named, dir)
			}
		}
	}
	sort.Strings(named)
	var out []string
	for _, suffix := range settingsDirs(p) {
		var match []string
		for dir := range folders {
			if dir == suffix || strings.HasSuffix(dir, "/"+suffix) {
				match = append(match, dir)
			}
		}
		sort.Strings(match)
		for _, m := range match {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	// DIRS come first; a folder named in both is searched once, early.
	for _, d := range named {
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func underJinja2(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if part == "jinja2" {
			return true
		}
	}
	return false
}

// settingsDirs returns the relative paths named in DIRS lists of settings
// modules: those internal/settings evaluates, then those read lexically
// (which also catches settings the evaluator could not follow).
func settingsDirs(p *project.Project) []string {
	out := settings.TemplateDirs(p)
	for _, f := range p.Files {
		base := path.Base(f.Path)
		if !strings.HasSuffix(base, ".py") || !(strings.HasPrefix(base, "settings") || path.Base(path.Dir(f.Path)) == "settings") {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		for _, d := range dirsLists(string(data)) {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

// dirsLists finds 'DIRS': [...] in Python source and returns each entry's
// string literals joined with slashes.
func dirsLists(src string) []string {
	var out []string
	for i := 0; ; {
		j := indexAny(src[i:], `"DIRS"`, `'DIRS'`)
		if j < 0 {
			return out
		}
		i += j + 6
		k := i
		for k < len(src) && (isSpace(src[k]) || src[k] == ':') {
			k++
		}
		if k >= len(src) || src[k] != '[' {
			continue
		}
		items, end := pyListItems(src, k)
		i = end
		for _, it := range items {
			if lits := pyStrings(it); len(lits) > 0 && !strings.HasPrefix(lits[0], "/") {
				p := path.Clean(strings.Join(lits, "/"))
				if p != "." && !strings.HasPrefix(p, "..") {
					out = append(out, p)
				}
			}
		}
	}
}

func indexAny(s string, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := strings.Index(s, sub); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// pyListItems splits the list opening at src[open] into its top-level
// comma-separated items and returns the offset after the closing bracket.
func pyListItems(src string, open int) ([]string, int) {
	var items []string
	depth, start := 0, open+1
	for i := open; i < len(src); i++ {
		switch c := src[i]; c {
		case '"', '\'':
			i = skipPyString(src, i) - 1
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
			if depth == 0 {
				items = append(items, src[start:i])
				return items, i + 1
			}
		case ',':
			if depth == 1 {
				items = append(items, src[start:i])
				start = i + 1
			}
		}
	}
	return items, len(src)
}

// skipPyString returns the offset after the string literal at src[i].
func skipPyString(src string, i int) int {
	q := src[i]
	if strings.HasPrefix(src[i:], strings.Repeat(string(q), 3)) {
		if j := strings.Index(src[i+3:], strings.Repeat(string(q), 3)); j >= 0 {
			return i + 3 + j + 3
		}
		return len(src)
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(src)
}

// pyStrings returns the values of the simple string literals in s.
func pyStrings(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\'' {
			end := skipPyString(s, i)
			if end-i >= 2 && s[end-1] == s[i] {
				out = append(out, s[i+1:end-1])
			}
			i = end - 1
		}
	}
	return out
}

// Resolve finds the file Django would load for a template name used in
// {% include %} or {% extends %} in the template from. Relative names
// ("./x.html", "../x.html") are resolved against from's own name. When
// several template directories hold the name, the one closest to from in
// the tree wins, which is what app-local templates usually mean. It returns
// nil when no scanned file matches.
func Resolve(p *project.Project, from *project.File, name string) *project.File {
	ds := Dirs(p)
	if strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") {
		if from == nil {
			return nil
		}
		for _, d := range ds {
			if strings.HasPrefix(from.Path, d+"/") {
				rel := path.Join(path.Dir(strings.TrimPrefix(from.Path, d+"/")), name)
				if strings.HasPrefix(rel, "../") {
					return nil
				}
				name = rel
				break
			}
		}
	}
	var best *project.File
	bestScore := -1
	for _, d := range ds {
		f := p.File(d + "/" + name)
		if f == nil {
			continue
		}
		score := 0
		if from != nil {
			score = commonPrefix(from.Path, f.Path)
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// IsTemplate reports whether Django would render f as a template: a file
// under a templates folder (project.Template), a file with a template
// extension under a DIRS folder, or a file that a known template includes
// or extends by a literal name. Files under jinja2 folders are never
// Django templates.
func IsTemplate(p *project.Project, f *project.File) bool { return templates(p)[f.Path] }

// Prepare computes, once per scan, the set of templates that IsTemplate
// reads, with the settings it needs. The template rules call IsTemplate
// on every file, so the scan computes the set beside its first files
// (analysis.Rule.Needs) rather than have every worker wait for it.
func Prepare(p *project.Project) { templates(p) }

func templates(p *project.Project) map[string]bool {
	return p.Memo("djtemplate.set", func() any { return templateSet(p) }).(map[string]bool)
}

func templateSet(p *project.Project) map[string]bool {
	set := map[string]bool{}
	var work []*project.File
	add := func(f *project.File) {
		if f != nil && !set[f.Path] && !underJinja2(f.Path) && !f.Binary() {
			set[f.Path] = true
			work = append(work, f)
		}
	}
	ds := Dirs(p)
	for _, f := range p.Files {
		if f.NameKind()&project.Template != 0 {
			add(f)
			continue
		}
		if !templateExts[strings.ToLower(path.Ext(f.Path))] {
			continue
		}
		for _, d := range ds {
			if strings.HasPrefix(f.Path, d+"/") {
				add(f)
				break
			}
		}
	}
	for len(work) > 0 {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		pt := ForFile(f)
		if pt.Template == nil {
			continue
		}
		pt.Inspect(func(n djtemplate.Node) bool {
			if t, ok := n.(*djtemplate.Tag); ok {
				if name, ok := djtemplate.TemplateName(t); ok {
					add(Resolve(p, f, name))
				}
			}
			return true
		})
	}
	return set
}

// Children maps each template's path to the templates of the project that
// extend it by a literal name.
func Children(p *project.Project) map[string][]*project.File {
	return p.Memo("djtemplate.children", func() any {
		set := templates(p)
		out := map[string][]*project.File{}
		for _, f := range p.Files {
			if !set[f.Path] {
				continue
			}
			pt := ForFile(f)
			if pt.Template == nil {
				continue
			}
			for _, n := range pt.Nodes {
				t, ok := n.(*djtemplate.Tag)
				if !ok || t.Name != "extends" {
					continue
				}
				if name, ok := djtemplate.TemplateName(t); ok {
					if parent := Resolve(p, f, name); parent != nil && parent != f {
						out[parent.Path] = append(out[parent.Path], f)
					}
				}
				break
			}
		}
		return out
	}).(map[string][]*project.File)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
