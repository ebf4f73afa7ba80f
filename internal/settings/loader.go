package settings

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// Parse parses a Python file once per scan through the shared parser memo.
func Parse(f *project.File) (*python.Module, error) { return pysrc.Parse(f) }

func parse(f *project.File) (*python.Module, error) { return pysrc.Parse(f) }

// maxImportDepth bounds the chain of project imports followed from a
// settings module: settings import a few helpers, not the application.
const maxImportDepth = 12

// loader evaluates the modules of one project, each once.
type loader struct {
	proj  *project.Project
	env   map[string]string
	roots map[string]bool // source roots: folders on Python's path
	index map[string][]*project.File

	mu       sync.Mutex
	done     map[string]*Namespace
	running  map[string]bool
	classes  map[string][]*configClass // django-configurations classes by file
	notes    map[string]bool
	problems []report.Problem
	work     budget
	touched  map[*python.FunctionDef][]string // globalsTouched, by function
	// lost says why each module of the project that could not be read or
	// parsed was lost; reached lists, for each evaluated file, the lost
	// modules it imports directly or through others.
	lost    map[string]string
	reached map[string][]string
}

// loseModule records that f could not be evaluated, and why.
func (l *loader) loseModule(f *project.File, why string) {
	l.mu.Lock()
	if l.lost == nil {
		l.lost = map[string]string{}
	}
	l.lost[f.Path] = why
	l.mu.Unlock()
}

// reach records that from imports lost modules, directly (to is lost) or
// through to.
func (l *loader) reach(from, to *project.File) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.reached == nil {
		l.reached = map[string][]string{}
	}
	add := func(p string) {
		if p != from.Path && !slices.Contains(l.reached[from.Path], p) {
			l.reached[from.Path] = append(l.reached[from.Path], p)
		}
	}
	if _, ok := l.lost[to.Path]; ok {
		add(to.Path)
	}
	for _, p := range l.reached[to.Path] {
		add(p)
	}
}

// lostFrom describes the lost modules file reaches, or "".
func (l *loader) lostFrom(file *project.File) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var parts []string
	for _, p := range l.reached[file.Path] {
		parts = append(parts, p+" ("+l.lost[p]+")")
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

func newLoader(p *project.Project) *loader {
	l := &loader{proj: p, env: p.Inputs.Env, roots: map[string]bool{"": true}, index: map[string][]*project.File{},
		done: map[string]*Namespace{}, running: map[string]bool{}, notes: map[string]bool{},
		classes: map[string][]*configClass{}}
	for _, f := range p.Files {
		if path.Base(f.Path) == "manage.py" {
			l.roots[dirOf(f.Path)] = true
		}
		// A src layout (src/shop/__init__.py): the packages under src/
		// import each other by their own names.
		if i := strings.Index("/"+f.Path, "/src/"); i >= 0 {
			l.roots[strings.TrimSuffix(f.Path[:i+3], "/")] = true
		}
	}
	l.addPathInserts()
	l.addDeclaredRoots()
	for _, f := range p.Files {
		if !strings.HasSuffix(f.Path, ".py") {
			continue
		}
		mod := strings.TrimSuffix(f.Path, ".py")
		mod = strings.TrimSuffix(mod, "/__init__")
		parts := strings.Split(mod, "/")
		for i := range parts {
			if l.roots[strings.Join(parts[:i], "/")] {
				name := strings.Join(parts[i:], ".")
				l.index[name] = append(l.index[name], f)
			}
		}
	}
	return l
}

// addPathInserts adds the folders that manage.py, wsgi.py or a settings
// module puts on sys.path by a name written in the call
// (sys.path.insert(0, root("apps")), sys.path.append(os.path.join(BASE_DIR,
// "apps"))): a folder of that name under the one above the file's, where
// the apps then import each other by their own names. The helpers that
// build the path are not evaluated; the folder's name is enough.
func (l *loader) addPathInserts() {
	for _, f := range l.proj.Files {
		base := path.Base(f.Path)
		if base != "manage.py" && base != "wsgi.py" && base != "asgi.py" && !isSettingsFile(f) {
			continue
		}
		data, err := f.Content()
		if err != nil || !bytes.Contains(data, []byte("sys.path.")) {
			continue
		}
		for _, m := range pathInsertRE().FindAllSubmatch(data, -1) {
			name := path.Base(string(m[1]))
			if name == "." || name == ".." || name == "/" {
				continue
			}
			within := dirOf(dirOf(f.Path))
			for _, g := range l.proj.Files {
				if path.Base(g.Path) != "__init__.py" {
					continue
				}
				// ynr/apps/candidates/__init__.py: a package in ynr/apps
				if dir := dirOf(dirOf(g.Path)); path.Base(dir) == name && (within == "" || strings.HasPrefix(dir, within+"/")) {
					l.roots[dir] = true
				}
			}
		}
	}
}

// addDeclaredRoots adds the folders a project's packaging declares its
// packages in: [tool.setuptools.packages.find] where = ["python"] or
// package-dir = {"" = "python"} in pyproject.toml, package_dir={"": "lib"}
// or find_packages("lib") in setup.py, package_dir = =lib or where = lib
// in setup.cfg. Its packages import each other by their own names, as a
// src layout's do (python/nav/django/settings.py is nav.django.settings).
func (l *loader) addDeclaredRoots() {
	for _, f := range l.proj.Files {
		switch path.Base(f.Path) {
		case "pyproject.toml", "setup.py", "setup.cfg":
		default:
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		for _, m := range declaredRootRE().FindAllSubmatch(data, -1) {
			dir := path.Clean(string(m[1]))
			if dir == "." || strings.HasPrefix(dir, "..") || path.IsAbs(dir) {
				continue
			}
			if base := dirOf(f.Path); base != "" {
				dir = base + "/" + dir
			}
			l.roots[dir] = true
		}
	}
}

// declaredRootRE finds the folder of a package root that packaging files
// declare (addDeclaredRoots).
var declaredRootRE = lazyre.New(`(?m)(?:^\s*where\s*=\s*\[?\s*["']?|package[-_]dir\s*=\s*\{\s*["']{2}\s*[:=]\s*["']|^\s*""\s*=\s*["']|find_packages\(\s*(?:where\s*=\s*)?["']|^\s*package_dir\s*=\s*\n?\s*=\s*)([\w][\w./-]*)`)

// pathInsertRE finds the last string literal of a sys.path.insert or
// sys.path.append call on one line.
var pathInsertRE = lazyre.New(`sys\.path\.(?:insert|append)\([^\n]*["']([\w./-]+)["'][^"'\n]*\)`)

func dirOf(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}

func (l *loader) note(s string) {
	l.mu.Lock()
	l.notes[s] = true
	l.mu.Unlock()
}

// resolve finds the project file of a module imported from file from. missing
// is true when the module would be in the project but is not there: the
// import raises ImportError (a local.py that is not committed).
func (l *loader) resolve(from *project.File, name string, level int) (f *project.File, missing bool) {
	if level == 0 {
		return l.resolveAbs(name)
	}
	dir := dirOf(from.Path)
	for i := 1; i < level; i++ {
		dir = dirOf(dir)
	}
	rel := dir
	if name != "" {
		rel = path.Join(dir, strings.ReplaceAll(name, ".", "/"))
	}
	if f := l.proj.File(strings.TrimPrefix(rel+".py", "/")); f != nil && name != "" {
		return f, false
	}
	if f := l.proj.File(strings.TrimPrefix(rel+"/__init__.py", "/")); f != nil {
		return f, false
	}
	return nil, true
}

// resolveAbs finds the file of an absolute module name under one of the
// source roots. When several match, the shortest path wins.
func (l *loader) resolveAbs(name string) (*project.File, bool) {
	if fs := l.index[name]; len(fs) > 0 {
		best := fs[0]
		for _, f := range fs[1:] {
			if len(f.Path) < len(best.Path) {
				best = f
			}
		}
		return best, false
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if fs := l.index[name[:i]]; len(fs) > 0 && strings.HasSuffix(fs[0].Path, "__init__.py") {
			return nil, true
		}
	}
	return nil, false
}

// settingsTemplates are the endings of a settings module's template,
// which an install step or a Dockerfile copies into place
// (COPY app/settings.py.sample app/settings.py).
var settingsTemplates = []string{".py.sample", ".py.example", ".py.dist", ".py.template", ".py.tmpl", ".py.default"}

// template returns the template of module name when the module itself is
// not in the tree: app/settings.py.sample for app.settings.
func (l *loader) template(name string) *project.File {
	rel := strings.ReplaceAll(name, ".", "/")
	for root := range l.roots {
		for _, s := range settingsTemplates {
			p := rel + s
			if root != "" {
				p = root + "/" + p
			}
			if f := l.proj.File(p); f != nil {
				return f
			}
		}
	}
	return nil
}

// moduleName is the dotted name of a file under its source root.
func (l *loader) moduleName(f *project.File) string {
	p := f.Path
	for _, s := range settingsTemplates {
		if strings.HasSuffix(p, s) {
			p = strings.TrimSuffix(p, s) + ".py" // the module a template becomes
			break
		}
	}
	mod := strings.TrimSuffix(strings.TrimSuffix(p, ".py"), "/__init__")
	parts := strings.Split(mod, "/")
	for i := range parts {
		if l.roots[strings.Join(parts[:i], "/")] {
			return strings.Join(parts[i:], ".")
		}
	}
	return strings.Join(parts, ".")
}

// absPath is the path of a file as settings see it through __file__: the
// scanned root is "/", so that findings read the same on every machine.
func (l *loader) absPath(f *project.File) string { return "/" + f.Path }

// evalFile evaluates a module once and returns its namespace, or nil when it
// cannot be parsed or imports itself in a cycle.
func (l *loader) evalFile(f *project.File) *Namespace {
	l.mu.Lock()
	if ns, ok := l.done[f.Path]; ok {
		l.mu.Unlock()
		return ns
	}
	if l.running[f.Path] {
		l.mu.Unlock()
		l.note(fmt.Sprintf("%s imports itself in a cycle; djsec evaluated it once", f.Path))
		return nil
	}
	if len(l.running) >= maxImportDepth {
		l.mu.Unlock()
		return nil // a chain of imports this deep leads into the application, not the settings
	}
	l.running[f.Path] = true
	l.mu.Unlock()

	var ns *Namespace
	mod, err := parse(f)
	if err != nil {
		var el python.ErrorList
		loc := report.Location{Path: f.Path}
		msg := err.Error()
		if errors.As(err, &el) && len(el) > 0 {
			loc.Line, loc.Column = el[0].Pos.Line, el[0].Pos.Col+1
			msg = el[0].Msg
		}
		l.mu.Lock()
		// The message is pysrc.Module's, so that the scan reports the error once
		// whichever rule meets it first.
		problem := "not valid Python 3 (" + msg + "); findings in this file may be incomplete"
		if errors.Is(err, pysrc.ErrTooLarge) {
			problem = "not parsed: " + msg // as pysrc.Module says it
		}
		l.problems = append(l.problems, report.Problem{Location: loc, Message: problem})
		l.mu.Unlock()
		why := "cannot be read: " + msg
		if loc.Line > 0 {
			why = fmt.Sprintf("not valid Python 3 at line %d: %s", loc.Line, msg)
		}
		l.loseModule(f, why)
	} else {
		ns = l.run(f, mod)
	}
	l.mu.Lock()
	l.done[f.Path] = ns
	delete(l.running, f.Path)
	l.mu.Unlock()
	return ns
}

func (l *loader) sortedNotes() []string {
	return slices.Sorted(maps.Keys(l.notes))
}

// run evaluates a parsed module. A bug of the evaluator on some input must
// not cost the whole scan: it becomes one problem, and the module is treated
// as unknown.
func (l *loader) run(f *project.File, mod *python.Module) (ns *Namespace) {
	defer func() {
		if r := recover(); r != nil {
			ns = nil
			l.mu.Lock()
			l.problems = append(l.problems, report.Problem{Location: report.Location{Path: f.Path},
				Message: fmt.Sprintf("internal error evaluating these settings (please report it with the file): %v", r)})
			l.mu.Unlock()
		}
	}()
	e := &evaluator{l: l, file: f, pf: mod.File, ns: newNamespace()}
	e.execBlock(mod.Body)
	if e.term && e.termKind == "import" {
		// The module is probably there when Django runs (a file left out of
		// the scan): what comes after the import is not known.
		why := fmt.Sprintf("%s imports a module of the project that is not in the scanned tree; what follows the import was not evaluated", f.Path)
		l.note(why)
		e.ns.Opaque = why
	}
	return e.ns
}

// lostWhy says why f was lost, if it was.
func (l *loader) lostWhy(f *project.File) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	why, ok := l.lost[f.Path]
	return why, ok
}
