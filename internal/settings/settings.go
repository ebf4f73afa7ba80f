package settings

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// Entry is a settings module Django loads: one named by a
// DJANGO_SETTINGS_MODULE default, by --settings, or a settings module that no
// other settings module imports.
type Entry struct {
	Name   string // dotted module name: "shop.settings.production"
	File   *project.File
	Reason string // how djsec found it
	// Dev marks modules for development or tests (local, dev, test, ...),
	// which deployment rules leave alone.
	Dev  bool
	ns   *Namespace
	line int // the class statement of a django-configurations entry
	// class is the django-configurations class of the entry, if any.
	class *configClass
	// lost describes the modules the entry imports that could not be
	// read or parsed ("" when none).
	lost string
	// unknown, on a copy made by Track, collects the settings asked for
	// whose value is not known.
	unknown *[]string
	// fragment marks a module that sets none of ROOT_URLCONF,
	// INSTALLED_APPS and MIDDLEWARE beside a production module that does
	// (markFragments).
	fragment bool
}

// DerivesFrom reports whether e is a django-configurations class that
// derives, directly or not, from b's class (Demo(Production)): what b
// lacks, e lacks for the same reason.
func (e *Entry) DerivesFrom(b *Entry) bool {
	if e.class == nil || b.class == nil || e.File != b.File {
		return false
	}
	for c, n := e.class.base, 0; c != nil && n < 64; c, n = c.base, n+1 {
		if c == b.class {
			return true
		}
	}
	return false
}

// Fragment reports a production module that sets none of ROOT_URLCONF,
// INSTALLED_APPS and MIDDLEWARE while another production module does (a
// file of DATABASES that a script copies beside the settings): what it
// sets is audited, but a setting it leaves out is not missing, since
// another module supplies the rest.
func (e *Entry) Fragment() bool { return e.fragment }

// LocalOverride returns the optional import of a local settings module
// the tree does not hold (try: from .local_settings import * / except
// ImportError: pass) when nothing after it set the setting name again,
// so that the servers that have the file get what it sets; nil otherwise.
func (e *Entry) LocalOverride(name string) *LocalImport {
	if e.ns == nil || e.ns.Local == nil {
		return nil
	}
	before, ok := e.ns.Local.before[name]
	if now, _ := e.ns.lookup(name); !ok || now != before {
		return nil
	}
	return e.ns.Local
}

// Override says where the entry (or a module it imports) runs a settings
// file the tree does not hold, a local override the server may have
// (exec(open("local_settings.py").read())); "" when it runs none. What
// djsec finds may be set right there.
func (e *Entry) Override() string {
	if e.ns == nil {
		return ""
	}
	return e.ns.Override
}

// Lost describes the modules of the project that the entry imports and
// djsec could not read or parse, with the reason; "" when there are none.
// What they set is unknown, so rules that need it cannot decide.
func (e *Entry) Lost() string { return e.lost }

// Track returns a copy of e that records the settings asked for through
// Value whose value is not known, and a function returning them. A driver
// uses it to say which rules could not decide because of a lost module.
func (e *Entry) Track() (*Entry, func() []string) {
	c := *e
	var names []string
	c.unknown = &names
	return &c, func() []string { return names }
}

// Settings is the evaluation of a project's settings.
type Settings struct {
	Entries  []*Entry // every entry module, production first
	Notes    []string
	Problems []report.Problem
	l        *loader
	// unevaluated says an entry was left out because djsec could not
	// evaluate it (and a note said so).
	unevaluated bool
}

// Load evaluates the project's settings once per scan.
func Load(p *project.Project) *Settings {
	return p.Memo("settings.Load", func() any { return load(p) }).(*Settings)
}

// Production returns the entry modules that deployment rules check: every
// entry that is not for development, or the module chosen with --settings.
func (s *Settings) Production() []*Entry {
	var out []*Entry
	for _, e := range s.Entries {
		if !e.Dev && e.ns != nil {
			out = append(out, e)
		}
	}
	return out
}

// DevOnly reports whether the module at path is a settings entry for
// development (Entry.Dev) that no production entry reads: what it sets
// reaches no deployed site unless someone runs it there.
func (s *Settings) DevOnly(path string) bool {
	dev := false
	for _, e := range s.Entries {
		if e.File.Path == path && e.Dev {
			dev = true
		}
	}
	// A module no entry names, such as settings/devstack.py that only
	// another development module imports, is judged by its name.
	if !dev && !s.DevModule(path) {
		return false
	}
	for _, e := range s.Production() {
		if s.Reaches(e, path) {
			return false
		}
	}
	return true
}

// Value returns the value of setting name in the entry module: nil when the
// setting is certainly not set (Django's default applies), an Unknown value
// when djsec cannot tell.
func (e *Entry) Value(name string) *Value {
	if e.ns == nil {
		// A module named by DJANGO_SETTINGS_MODULE that could not be
		// evaluated (it does not parse, or imports itself): nothing is known.
		return Unknownf(Origin{Path: e.File.Path, Line: 1}, "%s could not be evaluated", e.File.Path)
	}
	v, ok := e.ns.lookup(name)
	if !ok && e.ns.Opaque != "" {
		v = Unknownf(Origin{Path: e.File.Path, Line: 1}, "%s", e.ns.Opaque)
	}
	if e.unknown != nil && v != nil && v.Kind == Unknown && !slices.Contains(*e.unknown, name) {
		*e.unknown = append(*e.unknown, name)
	}
	return v
}

// Location is where a missing setting belongs: the top of the entry module.
func (e *Entry) Location() report.Location {
	return report.Location{Path: e.File.Path, Line: max(e.line, 1), Column: 1}
}

// Loc turns an origin into a report location.
func Loc(o Origin) report.Location { return report.Location{Path: o.Path, Line: o.Line, Column: o.Col} }

var dsmRE = lazyre.New(`DJANGO_SETTINGS_MODULE['"]?\]?\s*[,=:]\s*(?:f?['"])?([A-Za-z_][\w.]*)`)

// devWords mark settings modules for development and tests.
var devWords = map[string]bool{
	"local": true, "dev": true, "devel": true, "develop": true, "development": true, "test": true, "tests": true,
	"testing": true, "ci": true, "debug": true, "e2e": true, "unittest": true, "unittests": true, "pytest": true,
	"compose": true, "devcontainer": true, "devstack": true, "example": true, "examples": true, "sample": true,
	// a load test's settings (settings_loadtest.py, for Locust runs)
	"loadtest": true, "loadtesting": true,
	// continuous integration services' settings (settings/travis.py)
	"travis": true, "circleci": true, "jenkins": true,
	"testsettings": true, "localsettings": true, "devsettings": true, "devproject": true,
	// settings that say they are no secure deployment (ProductionInsecure,
	// settings_insecure.py): a trial behind a proxy, without HTTPS
	"insecure": true,
	// settings for building the documentation (Sphinx's conf.py loads
	// them), and the startproject template a package ships for its users
	"docs": true, "doc": true, "documentation": true, "sphinx": true, "project_template": true,
	// a template of the settings a deployment copies and fills in
	// (secret_template.py, settings_template.py)
	"template": true,
	// settings for building an image's static files and translations
	// (collectstatic with a dummy key), or for a job that runs the
	// migrations, which never serve a request
	"build": true, "collectstatic": true, "migration": true, "migrations": true, "migrate": true,
	// a per-branch preview deployment (sandbox_settings.py)
	"sandbox": true,
}

// IsDevName reports whether any part of a dotted module name marks it for
// development or tests: shop.settings.local, shop.settings.docker_compose
// (a word of the last part), tests.settings, ci.settings (a whole package
// name: local_news.settings is a project, not local settings).
func IsDevName(module string) bool {
	parts := strings.Split(module, ".")
	for _, p := range parts[:len(parts)-1] {
		p = strings.ToLower(p)
		if devWords[p] || strings.HasSuffix(p, "project_template") {
			return true // kit/catalogue_project_template/project_name/settings.py
		}
		// ci_scripts, dev_env: a folder named for what it holds, by
		// words that name nothing else (local_news is a site of local
		// news)
		words := strings.FieldsFunc(p, func(r rune) bool { return r == '_' || r == '-' })
		for i, w := range words {
			switch {
			case w == "ci", w == "test", w == "tests", w == "testing", w == "e2e", w == "devstack", w == "devcontainer":
				return true
			case (w == "dev" || w == "local") && i+1 < len(words) && (words[i+1] == "env" || words[i+1] == "environment" || words[i+1] == "settings" || words[i+1] == "config"):
				return true
			}
		}
	}
	last := parts[len(parts)-1]
	words := strings.FieldsFunc(strings.ToLower(last), func(r rune) bool { return r == '_' || r == '-' })
	for i, w := range words {
		if strings.HasPrefix(w, "test") {
			return true // settings_testcrawl, settings_testserver
		}
		// not_production_settings, non_prod, nonprod
		negated := (w == "not" || w == "non") && i+1 < len(words) && (words[i+1] == "production" || words[i+1] == "prod")
		// settings/developer.py, a developer's machine; not a folder
		// (a developer portal's package)
		if devWords[w] || negated || w == "nonprod" || w == "nonproduction" || w == "developer" {
			return true
		}
	}
	return false
}

// devDocRE matches module docstrings that say the settings are for tests
// or development: "Settings for running the test suite", "Local
// development settings", "Not for production use".
var devDocRE = lazyre.New(`(?i)\b(?:(?:test|testing|unit[- ]?test|development|dev|local|ci|docker[- ]compose|devcontainer)\s+(?:settings|configuration|config|environment)\b|settings\s+(?:for|used\s+(?:by|in|for|when))\s+(?:running\s+)?(?:the\s+)?(?:tests?|testing|test\s+suite|development|local\s+development|ci|continuous\s+integration|docker[- ]compose)\b|(?:not|never)\s+(?:be\s+)?(?:use[d]?|meant|intended|suitable|for)\b[^.]{0,30}\bproduction\b)`)

// devDocstring reports whether a module's docstring says it is for
// development or tests.
func devDocstring(f *project.File) bool {
	m, err := parse(f)
	if err != nil || m == nil || len(m.Body) == 0 {
		return false
	}
	es, ok := m.Body[0].(*python.ExprStmt)
	if !ok {
		return false
	}
	c, ok := es.Value.(*python.Constant)
	if !ok {
		return false
	}
	doc, ok := c.Value.(string)
	return ok && devDocRE().MatchString(startprojectWords().ReplaceAllString(doc, ""))
}

// startprojectWords are the words Django's startproject wrote into every
// settings module it made (up to Django 2.x), above the SECRET_KEY line:
// projects keep them, some in the docstring, in the settings they deploy.
var startprojectWords = lazyre.New(`(?i)quick-start\s+development\s+settings\s*-\s*unsuitable\s+for\s+production`)

// notForProduction matches a README's warning that the setup it describes
// is not for production: "DO NOT USE DOCKER-COMPOSE SETUP FOR PRODUCTION",
// "not intended for production", "for local development only", "This
// project is *NOT* production ready", "intended for local development
// and QA.", "specifically **designed for developers**". Advice about
// one setting ("do not use the default password in production") does
// not match, nor "intended for development and production". READMEs wrap
// their lines: a space matches any run of white space.
var notForProduction = lazyre.New(`(?i)\b(do\s+not|don't|never)\s+use\s+(this\s+|these\s+|the\s+|our\s+|them\s+|it\s+)?(docker[-\s]compose\s+|docker\s+|compose\s+|container\s+)?(setup|configuration|config|files?|images?|containers?|environment|stack)?\s*(for|in)\s+production|\bnot\s+(meant|intended|suitable|designed|supported|made)\s+(for|in)\s+production|\b(for\s+|purely\s+for\s+)?(local\s+)?development\s+(purposes\s+|environments?\s+|use\s+)?only\b|\b(do\s+not|don't|never)\s+use\s+((these|this|them|it)\s+)?(in|for)\s+(any\s+)?(real|live)\s+(life|deployments?|environments?|systems?|sites?)\b|\bnot\*{0,2}\s+production[-\s]ready\b|\bintended\s+(only\s+)?for\s+(local\s+)?development(\s+and\s+(QA|testing|demos?))?[.,;:)]|\b(designed|intended|meant)\s+for\s+developers\b`)

// DevReadme reports whether the README of a folder (not the project's
// root, whose README speaks of everything) says that what the folder
// holds is not for production: the demo project of a reusable app, a
// sandbox, a development setup.
func DevReadme(p *project.Project, dir string) bool {
	if dir == "." || dir == "" {
		return false
	}
	for _, name := range []string{"README", "README.md", "README.rst", "README.txt"} {
		f := p.File(path.Join(dir, name))
		if f == nil {
			continue
		}
		if data, err := f.Content(); err == nil && notForProduction().Match(proseOf(data)) {
			return true
		}
	}
	return false
}

// proseOf returns a README without its fenced code blocks: a comment on
// a command there ("# Reset migrations (development only)") speaks of the
// command, not of what the folder holds.
func proseOf(data []byte) []byte {
	if !bytes.Contains(data, []byte("```")) {
		return data
	}
	var out []byte
	inCode := false
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if bytes.HasPrefix(bytes.TrimSpace(line), []byte("```")) {
			inCode = !inCode
			continue
		}
		if !inCode {
			out = append(out, line...)
		}
	}
	return out
}

// DevComment reports whether a file's own # comments say it is not for
// production ("# NOTE: This Docker image is for development purposes
// only."), as a README would (notForProduction). Only comment lines are
// read: a command or a value that happens to hold the words says
// nothing.
func DevComment(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] != '#' {
			continue
		}
		// "not intended for production use without first customizing
		// it" sets a condition: the file may serve production then.
		if loc := notForProduction().FindIndex(line); loc != nil && !conditionRE().Match(line[loc[1]:]) {
			return true
		}
		// "This Dockerfile is used for local development", "designed
		// to run a development environment"; not "for local
		// development and production".
		if localDevelopment().Match(line) && !productionRE().Match(line) {
			return true
		}
	}
	return false
}

var (
	conditionRE      = lazyre.New(`(?i)\b(without|unless|until|before)\b`)
	localDevelopment = lazyre.New(`(?i)\bfor\s+local\s+development\b|\b(for|to\s+run)\s+(a|the)\s+(local\s+)?development\s+(environment|setup|stack)\b|\bruns\s+a\s+(local\s+)?development\s+(version|instance|setup|environment|stack)\b`)
	productionRE     = lazyre.New(`(?i)\bproduction\b`)
)

// inDevFolder reports whether a folder holding f, below the project's
// root, has a README that says it is not for production (DevReadme).
func inDevFolder(p *project.Project, f *project.File) bool {
	for dir := path.Dir(f.Path); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if DevReadme(p, dir) {
			return true
		}
	}
	return false
}

// appModules are the modules of a Django app; a folder holding them is an
// app (one named settings, say, that stores site preferences in the
// database), not a settings package.
var appModules = map[string]bool{
	"models.py": true, "apps.py": true, "views.py": true, "admin.py": true, "urls.py": true,
	"forms.py": true, "serializers.py": true, "signals.py": true, "tasks.py": true, "tests.py": true,
	"filters.py": true, "viewsets.py": true, "api.py": true, "context_processors.py": true,
}

// appPackage reports whether a folder is a Django app: it holds apps.py or
// models.py, or a migrations folder.
func appPackage(p *project.Project, dir string) bool {
	for _, name := range []string{"apps.py", "models.py", "migrations/__init__.py"} {
		if p.File(path.Join(dir, name)) != nil {
			return true
		}
	}
	return false
}

func isSettingsFile(f *project.File) bool {
	if !strings.HasSuffix(f.Path, ".py") {
		return false
	}
	parts := strings.Split(f.Path, "/")
	for _, p := range parts[:len(parts)-1] {
		if p == "tests" || p == "testdata" || p == "migrations" || p == "management" || p == "templatetags" {
			return false
		}
	}
	base := parts[len(parts)-1]
	if base == "settings.py" || strings.HasSuffix(base, "_settings.py") || strings.HasPrefix(base, "settings_") {
		return true
	}
	return len(parts) > 1 && parts[len(parts)-2] == "settings" && !appModules[base] && !entryPoints[base]
}

// entryPoints are the modules that start a server or a command and name
// the settings module; a project may keep them in its settings package
// (settings/wsgi.py beside settings/settings.py), and a constant they set
// (CONFIG_FILE = ...) is not a setting.
var entryPoints = map[string]bool{"wsgi.py": true, "asgi.py": true, "manage.py": true}

// settingsCandidate is isSettingsFile, less the modules of an app that is
// merely named settings.
func (s *Settings) settingsCandidate(f *project.File) bool {
	if !isSettingsFile(f) {
		return false
	}
	dir := dirOf(f.Path)
	return path.Base(dir) != "settings" || path.Base(f.Path) == "settings.py" || !appPackage(s.l.proj, dir)
}

func load(p *project.Project) *Settings {
	l := newLoader(p)
	s := &Settings{l: l}
	add := func(name string, f *project.File, reason string, dev bool) {
		for _, e := range s.Entries {
			if e.File == f {
				if !dev {
					e.Dev = e.Dev && IsDevName(e.Name)
				}
				return
			}
		}
		s.Entries = append(s.Entries, &Entry{Name: name, File: f, Reason: reason, Dev: dev})
	}

	if want := p.Inputs.Settings; want != "" {
		if f, _ := l.resolveAbs(want); f != nil {
			add(want, f, "--settings", false)
		} else {
			l.note(fmt.Sprintf("settings module %s (--settings) is not in the scanned tree", want))
		}
	} else {
		s.discover(add)
	}
	var kept []*Entry
	for _, e := range s.Entries {
		if e.Reason != "--settings" && trivial(e.File) {
			// An empty module (a settings package's bare __init__.py)
			// is not what runs: Django refuses to start without a
			// SECRET_KEY. The project picks the real module some other
			// way (an environment variable, code that builds the name).
			l.note(fmt.Sprintf("%s (%s) sets nothing, so it cannot be the settings Django runs with; it is not audited", e.Name, e.Reason))
			continue
		}
		if !e.Dev && e.Reason != "--settings" && (devDocstring(e.File) || s.extendsDev(e.File) || s.choosesOnlyDev(e.File) || devClasses(e.File) || inDevFolder(p, e.File) || s.devFallback(e.File)) {
			e.Dev = true
		}
		e.ns = l.evalFile(e.File)
		e.lost = l.lostFrom(e.File)
		if classes := l.classes[e.File.Path]; len(classes) > 0 {
			kept = append(kept, s.classEntries(e, classes)...)
			continue
		}
		if e.ns != nil && !hasCoreSetting(e.ns) && e.ns.Opaque == "" {
			if cls := settingsClasses(e.File); len(cls) > 0 {
				// Settings written as class attributes that the project's
				// own loader copies into the module: what Django sees is
				// not in the module's namespace, and judging the empty
				// namespace would report every setting as missing.
				if e.Dev {
					continue // development settings: nothing to audit either way
				}
				s.unevaluated = true
				l.note(fmt.Sprintf("could not evaluate %s: its settings are attributes of classes (%s) that the project's own loader installs; pass --settings with a module that sets them directly", e.Name, strings.Join(cls, ", ")))
				continue
			}
		}
		if e.Reason != "--settings" && path.Base(e.File.Path) == "__init__.py" && e.ns != nil && e.ns.Opaque == "" && !hasCoreSetting(e.ns) {
			// A settings package's __init__.py of helpers and paths,
			// which wsgi.py names while the real module is chosen
			// elsewhere: Django cannot start without SECRET_KEY.
			l.note(fmt.Sprintf("%s (%s) sets none of %s, so it cannot be the settings Django runs with; it is not audited", e.Name, e.Reason, strings.Join(coreSettings, ", ")))
			continue
		}
		if e.Reason == reasonRoot && e.ns != nil && appSettings(e) {
			continue // an app's own settings.py (getattr(settings, ...)), not Django's
		}
		if e.Reason == reasonRoot && e.ns != nil && e.ns.Opaque == "" && partial(e.ns) {
			if by := starImportedBy(l.proj, e.Name, e.File); by != nil {
				l.note(fmt.Sprintf("left alone %s: it sets none of ROOT_URLCONF, INSTALLED_APPS and MIDDLEWARE, and %s reads it over its own settings", e.Name, by.Path))
				continue
			}
		}
		if e.Reason == reasonRoot && e.ns != nil && e.ns.Opaque == "" && partial(e.ns) {
			if by, dest := installedAsConfig(l.proj, e.File); by != "" {
				l.note(fmt.Sprintf("left alone %s: it sets none of ROOT_URLCONF, INSTALLED_APPS and MIDDLEWARE, and %s installs it as %s, a configuration file that the settings Django runs with read over their own", e.Name, by, dest))
				continue
			}
		}
		if e.Reason == reasonRoot && e.ns != nil && !hasCoreSetting(e.ns) {
			if by := namedBySetting(s, e); by != "" {
				l.note(fmt.Sprintf("left alone %s: %s names it as data the application loads, not as the settings it runs with", e.Name, by))
				continue
			}
		}
		if e.Reason == reasonRoot && e.ns != nil && e.ns.Opaque == "" && servesNoSite(e.ns) {
			l.note(fmt.Sprintf("left alone %s: it sets no ROOT_URLCONF, no MIDDLEWARE and no INSTALLED_APPS, so no site runs with it (settings for management commands or a tool)", e.Name))
			continue
		}
		kept = append(kept, e)
	}
	markFragments(l, kept)
	s.Entries = kept
	sort.SliceStable(s.Entries, func(i, j int) bool {
		if s.Entries[i].Dev != s.Entries[j].Dev {
			return !s.Entries[i].Dev
		}
		return s.Entries[i].Name < s.Entries[j].Name
	})
	s.note()
	s.Notes = l.sortedNotes()
	s.Problems = l.problems
	return s
}

const reasonRoot = "settings module that no other settings module imports"

// appSettings reports whether a settings-like module that nothing imports is
// an app's own defaults rather than a Django settings module: it reads
// django.conf.settings, or, outside a settings package, defines none of the
// names every Django settings module has.
func appSettings(e *Entry) bool {
	for _, n := range e.ns.Names() {
		if v, _ := e.ns.lookup(n); v != nil && v.Kind == Func && v.S == "django.conf.settings" {
			return true
		}
	}
	if e.ns.Opaque != "" {
		return false
	}
	if path.Base(dirOf(e.File.Path)) == "settings" {
		// A helper kept in the settings package (a storage class, a
		// Redis client) sets no setting at all: no UPPER_CASE name.
		return !slices.ContainsFunc(e.ns.Names(), settingName)
	}
	for _, n := range []string{"INSTALLED_APPS", "ROOT_URLCONF", "MIDDLEWARE", "DATABASES", "SECRET_KEY", "DEBUG"} {
		if _, ok := e.ns.lookup(n); ok {
			return false
		}
	}
	return true
}

// markFragments marks the production entries that nothing imports and
// that set none of ROOT_URLCONF, INSTALLED_APPS and MIDDLEWARE, when
// another production entry sets them (Entry.Fragment).
func markFragments(l *loader, entries []*Entry) {
	complete := ""
	for _, e := range entries {
		if !e.Dev && e.ns != nil && !partial(e.ns) {
			complete = e.Name
			break
		}
	}
	if complete == "" {
		return
	}
	for _, e := range entries {
		if !e.Dev && e.Reason == reasonRoot && e.ns != nil && e.ns.Opaque == "" && partial(e.ns) {
			e.fragment = true
			l.note(fmt.Sprintf("%s sets none of ROOT_URLCONF, INSTALLED_APPS and MIDDLEWARE, while %s does: it was audited as a fragment another module reads, for what it sets, not for what it leaves out", e.Name, complete))
		}
	}
}

// partial reports a namespace that sets none of ROOT_URLCONF,
// INSTALLED_APPS and MIDDLEWARE: without ROOT_URLCONF Django answers no
// request. When another module star-imports it, it is an overlay read
// after a base (settings_docker.py with the environment's DATABASES and
// hosts), not what a deployment names.
func partial(ns *Namespace) bool {
	for _, n := range []string{"ROOT_URLCONF", "INSTALLED_APPS", "MIDDLEWARE", "MIDDLEWARE_CLASSES"} {
		if _, ok := ns.lookup(n); ok {
			return false
		}
	}
	return true
}

// installedAsConfig returns a Dockerfile that copies the settings file f
// under /etc (install docker/etc/settings.py /etc/pulp/settings.py), and
// where: an application whose settings live in a package it installs
// (pulpcore, with Dynaconf) reads such a file over its own, so the file
// holds only what the deployment changes.
func installedAsConfig(p *project.Project, f *project.File) (by, dest string) {
	var buf []byte
	for _, d := range p.OfKind(project.Dockerfile) {
		data, err := d.Peek(&buf)
		if err != nil || !bytes.Contains(data, []byte(f.Path)) {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			i := strings.Index(line, f.Path)
			if i < 0 {
				continue
			}
			for _, w := range strings.Fields(line[i+len(f.Path):]) {
				if strings.HasPrefix(w, "/etc/") {
					return d.Path, strings.TrimRight(w, "&;\\")
				}
			}
		}
	}
	return "", ""
}

// namedBySetting returns the setting of another settings module that
// names module e as a string (SYNONYMS_MODULE = "shop.settings.synonyms"),
// as "NAME (path:line)", or "": the application imports such a module for
// its data; Django does not run with it.
func namedBySetting(s *Settings, e *Entry) string {
	for _, o := range s.Entries {
		if o == e {
			continue
		}
		ns := o.ns
		if ns == nil {
			ns = s.l.evalFile(o.File) // evaluated once, whoever asks first
		}
		if ns == nil {
			continue
		}
		for _, n := range ns.Names() {
			v, _ := ns.lookup(n)
			if v != nil && v.Kind == Str && v.S == e.Name && n != "DJANGO_SETTINGS_MODULE" {
				return fmt.Sprintf("%s (%s)", n, v.Origin)
			}
		}
	}
	return ""
}

// servesNoSite reports a namespace without ROOT_URLCONF and MIDDLEWARE
// whose INSTALLED_APPS is an empty list: Django answers no request
// without a root URLconf, and a site has apps, so a module that nothing
// names and that says so is the settings of a command or a tool (a
// message extractor's minimal settings), not of a site. A module that
// merely leaves the three out is often an overlay or a fragment, which
// the other checks judge.
func servesNoSite(ns *Namespace) bool {
	for _, n := range []string{"ROOT_URLCONF", "MIDDLEWARE", "MIDDLEWARE_CLASSES"} {
		if _, ok := ns.lookup(n); ok {
			return false
		}
	}
	apps, ok := ns.lookup("INSTALLED_APPS")
	if !ok {
		return false
	}
	names, complete := apps.Strings()
	return complete && len(names) == 0 && (apps.Kind == List || apps.Kind == Tuple)
}

// starImportedBy returns a Python module of the project, other than
// self, that star-imports the module name (from arches.settings_docker
// import *), found by its text: the modules that read an overlay are
// often test settings, which discovery does not parse.
func starImportedBy(p *project.Project, name string, self *project.File) *project.File {
	needle := "from " + name + " import *"
	var buf []byte
	for _, f := range p.OfKind(project.Python) {
		if f == self {
			continue
		}
		if data, err := f.Peek(&buf); err == nil && bytes.Contains(data, []byte(needle)) {
			return f
		}
	}
	return nil
}

// settingName reports a name in the style of a setting: upper case, as
// Django reads only those (DEBUG, SECRET_KEY, MY_APP_TIMEOUT).
func settingName(n string) bool {
	return strings.ToUpper(n) == n && strings.ContainsFunc(n, unicode.IsLetter)
}

// coreSettings are names every Django settings module sets.
var coreSettings = []string{"INSTALLED_APPS", "ROOT_URLCONF", "MIDDLEWARE", "DATABASES", "SECRET_KEY", "DEBUG"}

func hasCoreSetting(ns *Namespace) bool {
	for _, n := range coreSettings {
		if _, ok := ns.lookup(n); ok {
			return true
		}
	}
	return false
}

// settingsClasses returns the top-level classes of a module whose bodies
// set settings-like (UPPER_CASE) names, when one of them sets a setting
// every Django project has (DEBUG, INSTALLED_APPS, ...).
func settingsClasses(f *project.File) []string {
	cls, core := classesWithSettings(f)
	if !core {
		return nil // constants of an app, not Django settings
	}
	return cls
}

// devClasses reports whether a module's settings are classes
// (class WebDevSettings(DockerBaseSettings): ...) whose names all mark them
// for development or tests.
func devClasses(f *project.File) bool {
	cls, _ := classesWithSettings(f)
	for _, c := range cls {
		if !isDevClass(c) {
			return false
		}
	}
	return len(cls) > 0
}

// classesWithSettings returns the top-level classes of a module whose
// bodies set UPPER_CASE names, and whether one of those is a setting every
// Django project has.
func classesWithSettings(f *project.File) ([]string, bool) {
	m, err := parse(f)
	if err != nil || m == nil {
		return nil, false
	}
	var out []string
	core := false
	for _, st := range m.Body {
		c, ok := st.(*python.ClassDef)
		if !ok {
			continue
		}
		n := 0
		for _, b := range c.Body {
			var targets []python.Expr
			switch b := b.(type) {
			case *python.Assign:
				targets = b.Targets
			case *python.AnnAssign:
				targets = []python.Expr{b.Target}
			}
			for _, t := range targets {
				if nm, ok := t.(*python.Name); ok && upperName(nm.ID) {
					n++
					core = core || slices.Contains(coreSettings, nm.ID) || nm.ID == "ALLOWED_HOSTS"
				}
			}
		}
		if n > 0 {
			out = append(out, c.Name)
		}
	}
	return out, core
}

func upperName(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letter = true
		case r == '_' || r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letter
}

// note tells the user which settings modules the rules audit, so that a quiet
// report is never mistaken for an audit of the wrong module.
func (s *Settings) note() {
	var prod, dev []string
	for _, e := range s.Entries {
		switch {
		case e.ns == nil && !e.Dev:
			if why, ok := s.l.lostWhy(e.File); ok {
				s.l.note(fmt.Sprintf("%s was not audited: %s %s", e.Name, e.File.Path, why))
			}
		case e.ns == nil:
		case e.Dev:
			dev = append(dev, e.Name)
		default:
			prod = append(prod, e.Name)
			if e.lost != "" {
				s.l.note(fmt.Sprintf("%s was audited without what these modules it imports set, which djsec could not read: %s; the settings they set are unknown, and rules that need them could not decide", e.Name, e.lost))
			}
		}
	}
	switch {
	case len(prod) == 0 && len(dev) > 0:
		s.l.note("no production settings module found, only ones for development, tests, examples or a project template (" + strings.Join(dev, ", ") + "); pass --settings to audit one")
	case len(prod) > 0 && len(dev) > 0:
		s.l.note("audited " + strings.Join(prod, ", ") + " as production settings; left alone as development or test settings: " + strings.Join(dev, ", "))
	case len(prod) > 0:
		s.l.note("audited " + strings.Join(prod, ", ") + " as production settings")
	case djangoProject(s.l.proj) && !s.unevaluated:
		s.l.note("no production settings module in the scanned tree (they may live outside the repository); settings rules did not run: pass --settings to audit one")
	}
}

// commentedOut reports whether the line holding offset i of data is a
// comment: "#" (Python, shell, YAML, Dockerfile) or ";" (ini) before
// anything else on it. A settings module named in a comment is one the
// file does not use ("# os.environ[...] = 'old.settings'").
func commentedOut(data []byte, i int) bool {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	line := bytes.TrimLeft(data[start:i], " \t")
	return len(line) > 0 && (line[0] == '#' || line[0] == ';')
}

// djangoProject reports whether the tree looks like a Django project: it has
// a manage.py, wsgi.py or asgi.py.
func djangoProject(p *project.Project) bool {
	for _, f := range p.Files {
		switch path.Base(f.Path) {
		case "manage.py", "wsgi.py", "asgi.py":
			return true
		}
	}
	return false
}

// dockerVar returns the value of the ${NAME} or $NAME that starts at
// data[i], from the last ARG NAME=default or ENV NAME=value before it; ""
// when there is none.
func dockerVar(data []byte, i int) string {
	rest := string(data[i:])
	var name string
	switch {
	case strings.HasPrefix(rest, "${"):
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return ""
		}
		name, _, _ = strings.Cut(rest[2:end], ":") // ${NAME:-default} keeps the name
	case strings.HasPrefix(rest, "$"):
		n := 1
		for n < len(rest) && (rest[n] == '_' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		name = rest[1:n]
	default:
		return ""
	}
	if name == "" {
		return ""
	}
	value := ""
	for _, line := range strings.Split(string(data[:i]), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || (!strings.EqualFold(f[0], "ARG") && !strings.EqualFold(f[0], "ENV")) {
			continue
		}
		if k, v, ok := strings.Cut(f[1], "="); ok && k == name {
			value = strings.Trim(v, `"'`)
		} else if f[1] == name && len(f) > 2 && strings.EqualFold(f[0], "ENV") {
			value = strings.Trim(f[2], `"'`)
		}
	}
	return value
}

func (s *Settings) discover(add func(string, *project.File, string, bool)) {
	l := s.l
	namedBy := map[*project.File]map[string]bool{} // the files that name each module, by base name
	buildNamed := map[*project.File]string{}       // modules a build step names, and the file it is in
	testNamed := map[*project.File]bool{}          // modules a test runner's configuration names
	served := djangoProject(l.proj)
	for _, f := range l.proj.Files {
		base := f.Path[strings.LastIndexByte(f.Path, '/')+1:]
		test := false
		switch {
		case base == "manage.py", base == "wsgi.py", base == "asgi.py", base == "celery.py",
			base == "gunicorn.conf.py", base == "Procfile", base == "app.yaml", base == "uwsgi.ini",
			strings.HasPrefix(base, "Dockerfile"), strings.HasPrefix(base, "docker-compose"),
			strings.HasPrefix(base, "compose.") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
		case base == "pytest.ini", base == "setup.cfg", base == "tox.ini", base == "pyproject.toml":
			test = true
		case project.DotenvName(base) || strings.Contains(base, ".env."):
			// .env, docker_production.env.example: the environment a
			// deployment starts Django with, or its template
		default:
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		for _, m := range dsmRE().FindAllSubmatchIndex(data, -1) {
			if commentedOut(data, m[0]) {
				continue
			}
			name := string(data[m[2]:m[3]])
			if strings.HasSuffix(name, ".") {
				// cvat.settings.${CVAT_CONFIGURATION}, with ARG
				// CVAT_CONFIGURATION="production" earlier in the file
				name += dockerVar(data, m[3])
			}
			if mf, _ := l.resolveAbs(name); mf != nil {
				if test {
					testNamed[mf] = true
				}
				add(name, mf, "DJANGO_SETTINGS_MODULE in "+f.Path, test || IsDevName(name))
				if !test && buildStep(data, m[0]) {
					buildNamed[mf] = base
				} else if !test {
					if namedBy[mf] == nil {
						namedBy[mf] = map[string]bool{}
					}
					namedBy[mf][base] = true
				}
			} else if tf := l.template(name); tf != nil && !test {
				// the install copies the template into place
				add(name, tf, "DJANGO_SETTINGS_MODULE in "+f.Path+", made from the template "+tf.Path, IsDevName(name))
			} else if !test {
				l.note(fmt.Sprintf("DJANGO_SETTINGS_MODULE in %s names %s, which is not in the scanned tree", f.Path, name))
			}
		}
	}
	dsm := map[*project.File]bool{}
	dsmDirs := map[string]bool{}
	for _, e := range s.Entries {
		dsm[e.File] = true
		dsmDirs[dirOf(e.File.Path)] = true
	}
	var cands []*project.File
	for _, f := range l.proj.Files {
		// A module beside one DJANGO_SETTINGS_MODULE names that builds on
		// it (config/django/production.py: from .base import *) is a
		// settings module too, whatever its folder is called. Only the
		// modules in such a folder are parsed for it: parsing every
		// module here would keep the trees of tests, which the scan
		// otherwise never reads.
		if s.settingsCandidate(f) || !dsm[f] && dsmDirs[dirOf(f.Path)] && strings.HasSuffix(f.Path, ".py") && s.extendsSibling(f, dsm) {
			if !dsm[f] && setsNoSetting(f) {
				// storage classes that take a name or two from the
				// production module: a helper, which neither runs as the
				// settings nor builds on the module it reads from
				continue
			}
			cands = append(cands, f)
		}
	}
	imported := map[*project.File]bool{}
	// The modules DJANGO_SETTINGS_MODULE names import parts too, even when
	// their own path says nothing of settings (config/django/base.py
	// gathering config/settings/cors.py, celery.py, ...): a part is read
	// through them, not run alone.
	importers := slices.Clip(cands)
	for _, e := range s.Entries {
		importers = append(importers, e.File)
	}
	for _, f := range importers {
		for _, g := range s.importsOf(f) {
			// A production module that only development modules build
			// on (build.py: from .production import * for collectstatic)
			// is still the one a deployment names.
			if g != f && !(IsDevName(l.moduleName(f)) && productionName(l.moduleName(g))) {
				imported[g] = true
			}
		}
	}
	for _, f := range cands {
		if imported[f] || trivial(f) {
			continue
		}
		if pkg := l.proj.File(path.Join(dirOf(f.Path), "__init__.py")); pkg != nil && pkg != f &&
			path.Base(dirOf(f.Path)) == "settings" && !trivial(pkg) && !s.starImportsSettings(f) {
			// The package itself is the settings module (its __init__
			// gathers the parts); a part that nothing imports and that does
			// not build on the others (from .base import *) is a helper.
			continue
		}
		name := l.moduleName(f)
		if testNamed[f] && !served {
			// the settings of a reusable app's tests (tox.ini:
			// DJANGO_SETTINGS_MODULE = settings), in a tree with no
			// manage.py, wsgi.py or asgi.py to serve them
			continue
		}
		add(name, f, reasonRoot, IsDevName(name))
	}
	s.manageDefaultForDevelopment(namedBy)
	s.leftoverSettings(namedBy)
	// A module only build steps name (RUN DJANGO_SETTINGS_MODULE=...static
	// python manage.py collectstatic) configures the build, not a server.
	for _, e := range s.Entries {
		if by, ok := buildNamed[e.File]; ok && len(namedBy[e.File]) == 0 && !e.Dev {
			e.Dev = true
			e.Reason += ", which only a build step names (" + by + " runs collectstatic or compilemessages with it), not a server"
		}
	}
	// A module DJANGO_SETTINGS_MODULE names by default that a production
	// module builds on is the base for development: deployments name the
	// production module (config.django.base, with production.py doing
	// from .base import * and setting DEBUG, SECRET_KEY and the hosts).
	for _, e := range s.Entries {
		if e.Dev || !dsm[e.File] || productionName(e.Name) {
			continue
		}
		for _, f := range cands {
			if name := l.moduleName(f); f != e.File && productionName(name) && !IsDevName(name) &&
				s.extendsSibling(f, map[*project.File]bool{e.File: true}) {
				e.Dev = true
			}
		}
	}
}

// leftoverSettings marks as not production a settings module that no
// entry point names and whose ROOT_URLCONF names a module the tree does
// not hold (example_project.urls), where the entry points name another
// module: the settings of an example or of a project left behind, which
// could not serve a request.
func (s *Settings) leftoverSettings(namedBy map[*project.File]map[string]bool) {
	served := false
	for _, e := range s.Entries {
		served = served || len(namedBy[e.File]) > 0 && !e.Dev
	}
	if !served {
		return
	}
	for _, e := range s.Entries {
		if e.Dev || e.Reason != reasonRoot {
			continue
		}
		data, err := e.File.Content()
		if err != nil {
			continue
		}
		m := rootURLconfRE().FindSubmatch(data)
		if m == nil {
			continue
		}
		if f, _ := s.l.resolveAbs(string(m[1])); f == nil {
			e.Dev = true
			e.Reason += ", whose ROOT_URLCONF names " + string(m[1]) + ", which the tree does not hold, while the entry points name another module"
		}
	}
}

// rootURLconfRE matches a literal ROOT_URLCONF at the start of a line.
var rootURLconfRE = lazyre.New(`(?m)^ROOT_URLCONF\s*=\s*['"]([A-Za-z_][\w.]*)['"]`)

// buildStep reports whether the line holding offset i runs a management
// command that only prepares files at build time: collectstatic,
// compilemessages, compress (django-compressor's offline compression).
func buildStep(data []byte, i int) bool {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	end := bytes.IndexByte(data[i:], '\n')
	if end < 0 {
		end = len(data) - i
	}
	line := data[start : i+end]
	for _, cmd := range []string{"collectstatic", "compilemessages", " compress"} {
		if bytes.Contains(line, []byte(cmd)) {
			return true
		}
	}
	return false
}

// manageDefaultForDevelopment marks for development the module that only
// manage.py names when a server's entry point (wsgi.py, asgi.py, a
// Dockerfile, a Procfile, gunicorn's or uWSGI's configuration, app.yaml)
// names another that is not for development: manage.py's default is what
// developers run on their machines (mtp_api.settings), the servers run
// what their entry point names (mtp_api.settings.docker).
func (s *Settings) manageDefaultForDevelopment(namedBy map[*project.File]map[string]bool) {
	served := false
	for _, e := range s.Entries {
		for by := range namedBy[e.File] {
			if serverEntry(by) && !devFileName(by) && !e.Dev {
				served = true
			}
		}
	}
	if !served {
		return
	}
	for _, e := range s.Entries {
		by := namedBy[e.File]
		if !by["manage.py"] || e.Dev {
			continue
		}
		forDevelopers := true
		for b := range by {
			forDevelopers = forDevelopers && (b == "manage.py" || devFileName(b))
		}
		if forDevelopers {
			e.Dev = true
			e.Reason += ", which only manage.py and files for development name, while the servers' entry points name another module"
		}
	}
}

// devFileName reports a file named for development or tests:
// Dockerfile-dev, Dockerfile.local, docker-compose.test.yml.
func devFileName(base string) bool {
	return project.NamedForDevelopment(base) || project.HasNameWord(strings.ToLower(base), "ci")
}

// serverEntry reports a file that starts the site on a server, by its
// base name (a Dockerfile named for development is asked of devFileName).
func serverEntry(base string) bool {
	switch base {
	case "wsgi.py", "asgi.py", "Procfile", "gunicorn.conf.py", "uwsgi.ini", "app.yaml":
		return true
	}
	return strings.HasPrefix(base, "Dockerfile")
}

// productionName reports whether a dotted module name's last part says
// production: production, prod, live (settings_prod, prod_settings).
func productionName(module string) bool {
	last := module[strings.LastIndexByte(module, '.')+1:]
	for _, w := range strings.FieldsFunc(last, func(r rune) bool { return r == '_' || r == '-' }) {
		switch strings.ToLower(w) {
		case "production", "prod", "live":
			return true
		}
	}
	return false
}

// extendsSibling reports whether f star-imports one of the modules of
// set that sits in its own folder.
func (s *Settings) extendsSibling(f *project.File, set map[*project.File]bool) bool {
	return slices.ContainsFunc(s.starImports(f), func(g *project.File) bool { return set[g] && dirOf(g.Path) == dirOf(f.Path) })
}

// starImports returns the project modules f star-imports at its top
// level (from .base import *), other than itself.
func (s *Settings) starImports(f *project.File) []*project.File {
	m, err := parse(f)
	if err != nil || m == nil {
		return nil
	}
	var out []*project.File
	for _, st := range m.Body {
		im, ok := st.(*python.ImportFrom)
		if !ok || !wholeImport(im) {
			continue
		}
		if g, _ := s.l.resolve(f, im.Module, im.Level); g != nil && g != f {
			out = append(out, g)
		}
	}
	return out
}

// devFallback reports a module that runs the server's own settings, a
// module the tree does not hold (a settings.py kept out of the
// repository), and falls back to development settings without it:
// try: from .settings import * except ImportError: from .settings_dev
// import *. What the tree shows of it is the development fallback; the
// servers run their own file.
func (s *Settings) devFallback(f *project.File) bool {
	m, err := parse(f)
	if err != nil || m == nil {
		return false
	}
	for _, st := range m.Body {
		t, ok := st.(*python.Try)
		if !ok || !slices.ContainsFunc(t.Body, func(b python.Stmt) bool { return s.starImportMissing(f, b) }) {
			continue
		}
		for _, h := range t.Handlers {
			dev := false
			python.EachStmt(h.Body, func(b python.Stmt) {
				if im, ok := b.(*python.ImportFrom); ok && wholeImport(im) {
					if g, _ := s.l.resolve(f, im.Module, im.Level); g != nil && IsDevName(s.l.moduleName(g)) {
						dev = true
					}
				}
			})
			if dev {
				return true
			}
		}
	}
	return false
}

// wholeImport reports from X import *, which takes every setting of X.
func wholeImport(im *python.ImportFrom) bool { return len(im.Names) == 1 && im.Names[0].Name == "*" }

// BuildsOnDev reports whether the settings module name starts from
// development settings: its first top-level star import, the module it
// builds on, is one by its name (from .dev import *). A star import after
// that is an override, often the site's own local settings, and says
// nothing of what the module is for.
func (s *Settings) BuildsOnDev(name string) bool {
	f := s.ModuleFile(name)
	if f == nil {
		return false
	}
	m, err := parse(f)
	if err != nil || m == nil {
		return false
	}
	for _, st := range m.Body {
		if im, ok := st.(*python.ImportFrom); ok && wholeImport(im) {
			g, _ := s.l.resolve(f, im.Module, im.Level)
			return g != nil && IsDevName(s.l.moduleName(g))
		}
	}
	return false
}

// starImportMissing reports from .X import * of a module the tree does
// not hold.
func (s *Settings) starImportMissing(f *project.File, st python.Stmt) bool {
	im, ok := st.(*python.ImportFrom)
	if !ok || !wholeImport(im) {
		return false
	}
	g, _ := s.l.resolve(f, im.Module, im.Level)
	return g == nil
}

// setsNoSetting reports a module whose top-level code sets no
// settings-like (UPPER_CASE) name, imports none wholesale (from .base
// import *), calls nothing that could set them (include(...),
// globals().update(...)) and has no class of settings: classes and
// functions that import a few names from the settings beside them.
func setsNoSetting(f *project.File) bool {
	m, err := parse(f)
	if err != nil || m == nil {
		return false
	}
	if cls, _ := classesWithSettings(f); len(cls) > 0 {
		return false
	}
	sets := false
	python.EachStmt(m.Body, func(st python.Stmt) {
		var targets []python.Expr
		switch st := st.(type) {
		case *python.Assign:
			targets = st.Targets
		case *python.AnnAssign:
			targets = []python.Expr{st.Target}
		case *python.AugAssign:
			targets = []python.Expr{st.Target}
		case *python.ImportFrom:
			sets = sets || wholeImport(st)
		case *python.ExprStmt:
			_, call := st.Value.(*python.Call)
			sets = sets || call
		}
		for _, t := range targets {
			sets = sets || assignsSetting(t)
		}
	})
	return !sets
}

// assignsSetting reports an assignment target that may set a setting: an
// UPPER_CASE name, alone or in a tuple, or anything but a plain name
// (globals()["DEBUG"] = ...).
func assignsSetting(t python.Expr) bool {
	switch t := t.(type) {
	case *python.Name:
		return upperName(t.ID)
	case *python.Tuple:
		return slices.ContainsFunc(t.Elts, assignsSetting)
	case *python.List:
		return slices.ContainsFunc(t.Elts, assignsSetting)
	case *python.Starred:
		return assignsSetting(t.Value)
	}
	return true
}

// trivial reports whether a module holds no statements (an empty package
// __init__.py).
func trivial(f *project.File) bool {
	m, err := parse(f)
	if err != nil || m == nil {
		return err == nil // a module that does not parse is reported, not skipped
	}
	for _, s := range m.Body {
		if es, ok := s.(*python.ExprStmt); ok {
			if _, ok := es.Value.(*python.Constant); ok {
				continue
			}
		}
		return false
	}
	return true
}

// Reaches reports whether evaluating the entry reads the module at path:
// the entry itself, or a module it imports, directly or through others.
func (s *Settings) Reaches(e *Entry, path string) bool {
	seen := map[*project.File]bool{}
	todo := []*project.File{e.File}
	for len(todo) > 0 {
		f := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[f] {
			continue
		}
		seen[f] = true
		if f.Path == path {
			return true
		}
		todo = append(todo, s.importsOf(f)...)
	}
	return false
}

// importedNear is the file an import of name at level in f reads: as the
// loader resolves it, or, for an absolute name no source root holds, the
// module at that path under one of f's folders (from
// server.conf.secret_settings import * in a game folder's
// server/conf/settings.py, where the launcher puts the game folder on
// sys.path). It serves to tell the modules other settings import, which
// are no entry points, not to evaluate them.
func (s *Settings) importedNear(f *project.File, name string, level int) *project.File {
	if g, _ := s.l.resolve(f, name, level); g != nil || level > 0 || name == "" {
		return g
	}
	rel := strings.ReplaceAll(name, ".", "/")
	for dir := dirOf(f.Path); ; dir = dirOf(dir) {
		for _, p := range []string{rel + ".py", rel + "/__init__.py"} {
			if g := s.l.proj.File(strings.TrimPrefix(dir+"/"+p, "/")); g != nil && g != f {
				return g
			}
		}
		if dir == "" || dir == "." {
			return nil
		}
	}
}

// importsOf lists the project modules a file imports, anywhere in its
// top-level code.
func (s *Settings) importsOf(f *project.File) []*project.File {
	m, err := parse(f)
	if err != nil || m == nil {
		return nil
	}
	var out []*project.File
	python.EachStmt(m.Body, func(st python.Stmt) {
		switch st := st.(type) {
		case *python.ImportFrom:
			if g := s.importedNear(f, st.Module, st.Level); g != nil {
				out = append(out, g)
			}
			for _, a := range st.Names {
				sub := st.Module
				if sub != "" {
					sub += "."
				}
				if g := s.importedNear(f, sub+a.Name, st.Level); g != nil {
					out = append(out, g)
				}
			}
		case *python.Import:
			for _, a := range st.Names {
				if g, _ := s.l.resolveAbs(a.Name); g != nil {
					out = append(out, g)
				}
			}
		case *python.ExprStmt:
			// django-split-settings: include("base.py", "production.py")
			if c, ok := st.Value.(*python.Call); ok {
				if n, ok := c.Func.(*python.Name); ok && n.ID == "include" {
					for _, a := range c.Args {
						if k, ok := a.(*python.Constant); ok {
							if p, ok := k.Value.(string); ok {
								if g := s.l.proj.File(strings.TrimPrefix(dirOf(f.Path)+"/"+p, "/")); g != nil {
									out = append(out, g)
								}
							}
						}
					}
				}
			}
		}
	})
	return out
}

// TemplateDirs returns the project-relative folders listed in
// TEMPLATES[*]["DIRS"] of every entry module, for the template rules.
func TemplateDirs(p *project.Project) []string {
	var out []string
	eachTemplateString(p, func(eng *Value) *Value { return eng.Get("DIRS") }, func(d string) {
		if strings.HasPrefix(d, "/") {
			out = append(out, strings.TrimPrefix(d, "/"))
		}
	})
	return sortedUnique(out)
}

// ContextProcessors returns the dotted names listed in
// TEMPLATES[*]["OPTIONS"]["context_processors"] of every entry module.
func ContextProcessors(p *project.Project) []string {
	var out []string
	eachTemplateString(p, func(eng *Value) *Value { return eng.Get("OPTIONS").Get("context_processors") }, func(c string) {
		out = append(out, c)
	})
	return sortedUnique(out)
}

// JinjaSandboxes returns the aliases of the template engines
// (django.template.engines["jinja"]) that every entry module configures
// with Jinja's sandbox as their environment (OPTIONS "environment":
// "jinja2.sandbox.SandboxedEnvironment" or ImmutableSandboxedEnvironment),
// whichever way the ifs around TEMPLATES go. An engine's alias is its
// NAME, else the next-to-last part of its BACKEND, as Django names it.
func JinjaSandboxes(p *project.Project) map[string]bool {
	return p.Memo("settings.JinjaSandboxes", func() any {
		sandboxed, other := map[string]bool{}, map[string]bool{}
		eachTemplateEngine(p, func(eng *Value) {
			alias, ok := engineAlias(eng)
			if !ok {
				return
			}
			if env := eng.Get("OPTIONS").Get("environment"); env != nil && env.IsString() && jinjaSandboxes[env.S] {
				sandboxed[alias] = true
			} else {
				other[alias] = true
			}
		})
		for a := range other {
			delete(sandboxed, a)
		}
		return sandboxed
	}).(map[string]bool)
}

var jinjaSandboxes = map[string]bool{"jinja2.sandbox.SandboxedEnvironment": true, "jinja2.sandbox.ImmutableSandboxedEnvironment": true}

// engineAlias returns the name django.template.engines knows an entry of
// TEMPLATES by: its NAME, else the next-to-last part of its BACKEND
// ("jinja2" for django.template.backends.jinja2.Jinja2).
func engineAlias(eng *Value) (string, bool) {
	if n := eng.Get("NAME"); n != nil {
		return n.S, n.IsString()
	}
	b := eng.Get("BACKEND")
	if b == nil || !b.IsString() {
		return "", false
	}
	parts := strings.Split(b.S, ".")
	if len(parts) < 2 {
		return "", false
	}
	return parts[len(parts)-2], true
}

// eachTemplateString calls fn with every string of the list that list
// picks from each engine of TEMPLATES (eachTemplateEngine), whichever way
// the ifs that change it go (TEMPLATES[0]["DIRS"] extended when a theme
// folder is set).
func eachTemplateString(p *project.Project, list func(engine *Value) *Value, fn func(string)) {
	eachTemplateEngine(p, func(eng *Value) {
		eachAlternative(list(eng), 0, func(l *Value) {
			if !l.IsSeq() {
				return
			}
			for _, v := range l.Elems {
				if v.IsString() {
					fn(v.S)
				}
			}
		})
	})
}

// eachTemplateEngine calls fn with each engine of TEMPLATES, in every
// entry module, whichever way the ifs around TEMPLATES go.
func eachTemplateEngine(p *project.Project, fn func(engine *Value)) {
	for _, e := range Load(p).Entries {
		if e.ns == nil {
			continue
		}
		eachAlternative(e.Value("TEMPLATES"), 0, func(t *Value) {
			if !t.IsSeq() {
				return
			}
			for _, eng := range t.Elems {
				fn(eng)
			}
		})
	}
}

// eachAlternative calls fn with each value v may have: itself, or each
// alternative of an if djsec cannot decide and both values of an
// environment lookup.
func eachAlternative(v *Value, depth int, fn func(*Value)) {
	switch {
	case v == nil || depth > 8:
	case v.Kind == MayBe:
		for _, a := range v.Alts {
			eachAlternative(a, depth+1, fn)
		}
	case v.Kind == Env:
		eachAlternative(v.Default, depth+1, fn)
		for _, a := range v.Alts {
			eachAlternative(a, depth+1, fn)
		}
	default:
		fn(v)
	}
}

func sortedUnique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// ModuleFile returns the project file of an absolute module name, or nil.
func (s *Settings) ModuleFile(name string) *project.File {
	f, _ := s.l.resolveAbs(name)
	return f
}

// Names returns the names the entry module defines.
func (e *Entry) Names() []string {
	if e.ns == nil {
		return nil
	}
	return e.ns.Names()
}

// DevClassAt reports a line of the module at path that is inside a
// django-configurations class for development or tests (Development,
// Test, ContinuousIntegration(Test)). A class deriving from one is one
// too, so what such a class sets reaches no production class.
func (s *Settings) DevClassAt(path string, line int) bool {
	for _, c := range s.l.classes[path] {
		if c.dev && line >= c.line && line <= c.end {
			return true
		}
	}
	return false
}

// DevModule reports whether the file at path is a development or test
// settings module by its name (local.py, settings/dev.py, test_settings.py).
func (s *Settings) DevModule(path string) bool {
	f := s.l.proj.File(path)
	return f != nil && strings.HasSuffix(path, ".py") && IsDevName(s.l.moduleName(f))
}

var configRE = lazyre.New(`DJANGO_CONFIGURATION['"]?\]?\s*[,=:]\s*['"]?(\w+)`)

// classEntries turns a django-configurations module into one entry per
// configuration class that no other class derives from, plus the classes
// DJANGO_CONFIGURATION names anywhere in the deployment files.
func (s *Settings) classEntries(mod *Entry, classes []*configClass) []*Entry {
	named := map[string]bool{}
	for _, f := range s.l.proj.Files {
		switch base := path.Base(f.Path); {
		case base == "manage.py", base == "wsgi.py", base == "asgi.py", base == "Procfile",
			strings.HasPrefix(base, "Dockerfile"), strings.HasPrefix(base, "docker-compose"):
			if data, err := f.Content(); err == nil {
				for _, m := range configRE().FindAllSubmatch(data, -1) {
					named[string(m[1])] = true
				}
			}
		}
	}
	var out []*Entry
	seen := map[*configClass]bool{}
	for _, c := range classes {
		if c.derived && !named[c.name] {
			continue
		}
		// Staging(Production) with nothing of its own has Production's
		// settings: audit Production once, not each of its names
		for c.empty && c.base != nil && !c.dev && !c.base.dev {
			c = c.base
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, &Entry{
			Name: mod.Name + "." + c.name, File: mod.File, Reason: "django-configurations class in " + mod.Name,
			Dev: mod.Dev || c.dev, ns: c.ns, line: c.line, class: c,
		})
	}
	return out
}

// isDevClass reports whether a CamelCase class name is for development or
// tests (Dev, LocalConfig, TestSettings, ContinuousIntegration).
func isDevClass(name string) bool {
	var words []string
	start := 0
	for i := 1; i < len(name); i++ {
		if name[i] >= 'A' && name[i] <= 'Z' {
			words = append(words, name[start:i])
			start = i
		}
	}
	words = append(words, name[start:])
	for i, w := range words {
		if devWords[strings.ToLower(w)] || w == "Continuous" && i+1 < len(words) && words[i+1] == "Integration" {
			return true
		}
	}
	return false
}

// extendsDev reports whether a module builds on development settings
// (from .dev import *): a docker-compose or sandbox variant of them, not a
// production module. A package that assembles its settings from many
// pieces (from .django import *, from .project.testing import *, from
// .third_party.aws import *, ...) is not made a development one by a
// piece named for tests: the dev-named modules must be at least half of
// what it star-imports.
func (s *Settings) extendsDev(f *project.File) bool {
	imports := s.starImports(f)
	dev := 0
	for _, g := range imports {
		if IsDevName(s.l.moduleName(g)) {
			dev++
		}
	}
	return dev > 0 && 2*dev >= len(imports)
}

// choosesOnlyDev reports a module that picks the settings to load by an
// if on the environment, where every choice is a development or test
// module and anything else raises: DJANGOENV = os.environ.get(
// "DJANGOENV", "develop"); if DJANGOENV == "develop": from
// .develop.settings.develop import *; elif DJANGOENV == "test": ...;
// else: raise ValueError(...). It is what manage.py runs on a developer's
// machine; the servers name their own module.
func (s *Settings) choosesOnlyDev(f *project.File) bool {
	m, err := parse(f)
	if err != nil || m == nil {
		return false
	}
	dev, other := 0, 0
	for _, st := range m.Body {
		x, ok := st.(*python.If)
		if !ok {
			if !selectorStmt(st) {
				return false // a module with settings of its own
			}
			continue
		}
		python.EachStmt([]python.Stmt{x}, func(st python.Stmt) {
			im, ok := st.(*python.ImportFrom)
			if !ok || !wholeImport(im) {
				return
			}
			if g, _ := s.l.resolve(f, im.Module, im.Level); g != nil && g != f && IsDevName(s.l.moduleName(g)) {
				dev++
			} else {
				other++
			}
		})
	}
	return dev > 1 && other == 0 && len(s.starImports(f)) == 0
}

// selectorStmt reports a statement a module that only picks which
// settings to load may hold besides its ifs: imports (not of everything),
// a docstring, and the name it picks by, read from the environment
// (DJANGOENV = os.environ.get("DJANGOENV", "develop")).
func selectorStmt(st python.Stmt) bool {
	switch x := st.(type) {
	case *python.Import:
		return true
	case *python.ImportFrom:
		return !wholeImport(x)
	case *python.ExprStmt:
		_, doc := x.Value.(*python.Constant)
		return doc
	case *python.Assign:
		return len(x.Targets) == 1 && envRead(x.Value)
	}
	return false
}

// envRead reports os.environ.get(...), os.getenv(...) or os.environ[...].
func envRead(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		e = c.Func
	}
	if sub, ok := e.(*python.Subscript); ok {
		e = sub.Value
	}
	d, _ := python.DottedName(e)
	return d == "os.environ.get" || d == "os.getenv" || d == "os.environ" || d == "environ.get" || d == "getenv"
}

// starImportsSettings reports whether a module star-imports another settings
// module of the project, as every variant of a split layout does.
func (s *Settings) starImportsSettings(f *project.File) bool {
	m, err := parse(f)
	if err != nil || m == nil {
		return false
	}
	found := false
	python.EachStmt(m.Body, func(st python.Stmt) {
		if im, ok := st.(*python.ImportFrom); ok && wholeImport(im) {
			if g, _ := s.l.resolve(f, im.Module, im.Level); g != nil && isSettingsFile(g) {
				found = true
			}
		}
	})
	return found
}

// URLConfs returns the files of the root URLconfs (ROOT_URLCONF) of the
// production entry modules, for rules about URLs and views.
func URLConfs(p *project.Project) []*project.File {
	s := Load(p)
	seen := map[*project.File]bool{}
	var out []*project.File
	for _, e := range s.Production() {
		c, ok := Check(e.Value("ROOT_URLCONF"), func(v *Value) bool { return v.Kind == Str })
		if !ok {
			continue
		}
		if f := s.ModuleFile(c.V.S); f != nil && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// InstalledApps returns the apps that every production entry module
// certainly installs (the intersection), for rules that depend on an app.
func InstalledApps(p *project.Project) []string {
	var out []string
	for i, e := range Load(p).Production() {
		c, ok := Check(e.Value("INSTALLED_APPS"), func(v *Value) bool { _, all := v.Strings(); return all })
		if !ok {
			return nil
		}
		apps, _ := c.V.Strings()
		if i == 0 {
			out = apps
			continue
		}
		var both []string
		for _, a := range out {
			for _, b := range apps {
				if a == b {
					both = append(both, a)
					break
				}
			}
		}
		out = both
	}
	return out
}

// HostsChecked reports whether Django checks the Host header of every
// request against ALLOWED_HOSTS before a view runs, in every production
// settings module: CommonMiddleware is installed (its process_request
// calls request.get_host(), which raises DisallowedHost for a name the
// list does not hold) and ALLOWED_HOSTS is a known list without "*". It
// also returns the names, for messages.
func HostsChecked(p *project.Project) (hosts []string, checked bool) {
	if present, known := HasMiddleware(p, "django.middleware.common.CommonMiddleware"); !present || !known {
		return nil, false
	}
	for _, e := range Load(p).Production() {
		// get_host() checks X-Forwarded-Host instead when
		// USE_X_FORWARDED_HOST is on: the Host header then goes unchecked
		if v := e.Value("USE_X_FORWARDED_HOST"); v != nil {
			if _, off := Holds(v, func(v *Value) bool { return v.Truth() == 0 }); !off {
				return nil, false
			}
		}
		c, ok := Holds(e.Value("ALLOWED_HOSTS"), func(v *Value) bool {
			list, all := v.Strings()
			return all && len(list) > 0 && !slices.Contains(list, "*")
		})
		if !ok {
			return nil, false
		}
		list, _ := c.V.Strings()
		hosts = append(hosts, list...)
	}
	return sortedUnique(hosts), true
}

// HasMiddleware says whether the production settings install the middleware
// class mw: present is true when every production entry module certainly
// lists it, and known is false when djsec cannot tell (no settings found, or
// a MIDDLEWARE it cannot evaluate). Rules of other areas use it to say how a
// finding plays out ("and CsrfViewMiddleware is not installed").
//
// With no production settings in the tree, a middleware that every
// settings module it holds lists is taken as present: production, wherever
// it lives, is made like them (the tree's development and test settings
// import one base that lists it). One they do not all list stays unknown.
func HasMiddleware(p *project.Project, mw string) (present, known bool) {
	if entries := Load(p).Production(); len(entries) > 0 {
		return everyLists(entries, mw)
	}
	var evaluated []*Entry
	for _, e := range Load(p).Entries {
		if e.ns != nil {
			evaluated = append(evaluated, e)
		}
	}
	if present, known := everyLists(evaluated, mw); present && known && len(evaluated) > 0 {
		return true, true
	}
	return false, false
}

// everyLists reports whether every entry's MIDDLEWARE lists mw; known is
// false when one's MIDDLEWARE cannot be read in full.
func everyLists(entries []*Entry, mw string) (present, known bool) {
	present = true
	for _, e := range entries {
		c, ok := Check(e.Value("MIDDLEWARE"), func(v *Value) bool { _, all := v.Strings(); return all })
		if !ok {
			return false, false
		}
		list, _ := c.V.Strings()
		present = present && slices.Contains(list, mw)
	}
	return present, true
}

// MiddlewareNamed finds the middleware class mw written as a string in a
// settings folder (the folder of a production settings module) when djsec
// cannot read MIDDLEWARE in full: a list the settings assemble from parts
// (sorted(MIDDLEWARE_GLOBAL + MIDDLEWARE_LOCAL)) or finish in a local
// module the tree does not hold. Commented-out lines do not count. It
// returns where, or false.
func MiddlewareNamed(p *project.Project, mw string) (report.Location, bool) {
	type named struct {
		at report.Location
		ok bool
	}
	n := p.Memo("settings.middlewareNamed."+mw, func() any {
		at, ok := middlewareNamed(p, mw)
		return named{at, ok}
	}).(named)
	return n.at, n.ok
}

func middlewareNamed(p *project.Project, mw string) (report.Location, bool) {
	dirs := map[string]bool{}
	for _, e := range Load(p).Production() {
		dirs[path.Dir(e.File.Path)] = true
	}
	quoted := [][]byte{[]byte(`"` + mw + `"`), []byte(`'` + mw + `'`)}
	for _, f := range p.OfKind(project.Python) {
		if !dirs[path.Dir(f.Path)] {
			continue
		}
		data, err := f.Content()
		if err != nil || !bytes.Contains(data, []byte(mw)) {
			continue
		}
		for i, line := range bytes.Split(data, []byte("\n")) {
			line = bytes.TrimSpace(line)
			if len(line) > 0 && line[0] != '#' && (bytes.Contains(line, quoted[0]) || bytes.Contains(line, quoted[1])) {
				return report.Location{Path: f.Path, Line: i + 1}, true
			}
		}
	}
	return report.Location{}, false
}
