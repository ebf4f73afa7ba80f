// Package settings holds djsec's settings rules (DJS1xx-DJS5xx): checks of
// the values Django loads from the project's settings modules, evaluated
// statically by package internal/settings.
//
// Every rule runs on each production entry module (the modules Django loads:
// DJANGO_SETTINGS_MODULE defaults, --settings, settings modules that nothing
// imports; local/dev/test modules are left alone). A finding points at the
// line that set the bad value, which may be in a base module, and names the
// entry modules it holds for in Diagnostic.Settings; the same finding reached
// from several entry modules is reported once, listing them all. A setting
// whose value depends on the environment is reported only when its default
// is bad, with medium confidence, and the message says which variable
// controls it. Values djsec cannot know are never reported.
//
// A problem that base.py has and production.py fixes is not reported for
// production; if staging.py does not fix it, it is reported once, at the
// line of base.py, for staging. A missing setting is reported at the top of
// the entry module that lacks it, or, when several entry modules lack it and
// all import one module of their folder (production.py and staging.py doing
// from .base import *), once at the top of that module, naming them all. A value that comes from development
// settings which production imports (try: from .local import *, with
// local.py committed) says so in the message. The settings of a framework
// whose project template star-imports them (project_name/settings.py-tpl:
// from arches.settings import *) are its defaults: a finding on a setting
// the template sets again for every generated site is low and names the
// template; one it leaves alone stays, since every site inherits it. A
// default used whenever a variable is unset is low when a production
// deployment file of the project (a Kubernetes ConfigMap or container env,
// also in a Helm chart's or an OpenShift Template's manifest, a compose
// service, the image's ENV) sets that variable, unless a production compose
// service built from the project's Python image runs the settings without
// it (it sets other variables they read): the finding then names that
// service.
//
// Rules decide with settings.Check (a value that is the same however the
// settings are loaded) or settings.Holds (a property that holds on every
// branch, even when the values differ): an if on sys.argv or on data djsec
// cannot see makes both fail, and the rule stays silent.
package settings

import (
	"path"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// Rules returns the settings rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		DebugEnabled, SecretKeyHardcoded, AllowedHostsWildcard, AllowedHostsEmpty,
		MiddlewareMissing, MiddlewareMisordered, HSTSMissing, HSTSWithoutSubdomains, HSTSWithoutPreload,
		SSLRedirectDisabled, SessionCookieInsecure, CSRFCookieInsecure, XFrameOptionsNotDeny,
		ReferrerPolicyUnsafe, COOPDisabled, NosniffDisabled, CSPMissing, CSPUnsafeSource,
		CSRFTrustedOriginsUnsafe, EmailTLSDisabled,
		WeakPasswordHasher, PasswordValidatorsWeak, LoginThrottlingMissing, AdminDefaultURL, AuthActionOnGet, JWTVerificationDisabled, SocialAuthRedirectsUnchecked,
		DatabasePasswordHardcoded, DatabaseDefaultCredentials, ConnectionStringCredentials, DatabaseTLSDisabled,
		SecretSettingHardcoded, UploadPermissionsWorldWritable, UploadLimitsDisabled, MediaRootUnsafe,
		CORSAllowAll, DRFAllowAny, DRFNoAuthentication, DRFNoThrottling, DebugAppsInstalled,
		SecurityLoggingMissing, SessionPickleSerializer, SessionCookieAgeLong, CeleryPickleAccepted,
	}
}

// reporter collects one entry module's findings.
type reporter struct {
	entry *st.Entry
	out   *[]pending
	// lower, when set, makes every finding low and is added to its
	// message: what makes the setting matter less in this project.
	lower string
}

type pending struct {
	d       analysis.Diagnostic
	modules []string
	// missing is the entry module a missing setting was reported for,
	// at its top; nil for findings at the place that set a value.
	missing *st.Entry
}

// at reports a finding at the place that set the value of c. Findings that
// hold only while environment variables are unset get medium confidence.
func (r *reporter) at(c st.Case, msg string) { r.add(pendingAt(c, msg)) }

// pendingAt is a diagnostic at the place that set the value of c.
func pendingAt(c st.Case, msg string) analysis.Diagnostic {
	d := analysis.Diagnostic{Location: st.Loc(c.At), Message: msg}
	if c.FromEnv() {
		d.Confidence = report.MediumConfidence
		d.Properties = map[string]any{"env": c.Vars}
	}
	return d
}

// hardcoded says that what (a setting, a password) is a literal of the
// settings, or the literal fallback of an environment lookup.
func hardcoded(what string, c st.Case) string {
	if c.FromEnv() {
		return what + " falls back to a literal" + c.When()
	}
	return what + " is a literal in the source"
}

// origin reports a finding at an origin.
func (r *reporter) origin(o st.Origin, msg string) {
	r.add(analysis.Diagnostic{Location: st.Loc(o), Message: msg})
}

// missing reports a setting that is not set, at the top of the entry module
// where it belongs.
func (r *reporter) missing(msg string) {
	if r.entry.Fragment() {
		return // another production module supplies what a fragment leaves out
	}
	*r.out = append(*r.out, pending{d: r.lowered(analysis.Diagnostic{Location: r.entry.Location(), Message: msg}),
		modules: []string{r.entry.Name}, missing: r.entry})
}

func (r *reporter) add(d analysis.Diagnostic) {
	*r.out = append(*r.out, pending{d: r.lowered(d), modules: []string{r.entry.Name}})
}

// lowering returns a reporter whose findings are low, with why added to
// their messages.
func (r *reporter) lowering(why string) *reporter {
	c := *r
	c.lower = why
	return &c
}

func (r *reporter) lowered(d analysis.Diagnostic) analysis.Diagnostic {
	if r.lower != "" {
		d.Severity = report.Low
		d.Message += r.lower
	} else if id, at := silenced(r.entry, d.Message); id != "" {
		d.Severity = report.Low
		d.Message += "; the settings silence " + id + " (SILENCED_SYSTEM_CHECKS, " + at +
			"): the team leaves this to another layer, such as the proxy; check that it does it"
	}
	return d
}

// silencedCheck reports whether the entry's settings silence the check
// --deploy warning msg names.
func silencedCheck(e *st.Entry, msg string) bool {
	id, _ := silenced(e, msg)
	return id != ""
}

// checkID matches the check --deploy warning a message names.
var checkID = lazyre.New(`\bsecurity\.W\d{3}\b`)

// silenced returns the check --deploy warning msg names when the entry's
// SILENCED_SYSTEM_CHECKS lists it, with where that was set; "" otherwise.
// A team that silences Django's own warning has decided, as a "# nosec"
// does for Bandit, that something else than the settings handles it.
func silenced(e *st.Entry, msg string) (id, at string) {
	id = checkID().FindString(msg)
	if id == "" {
		return "", ""
	}
	v := e.Value("SILENCED_SYSTEM_CHECKS")
	if v == nil {
		return "", ""
	}
	ids, _ := v.Strings()
	for _, s := range ids {
		if s == id {
			return id, v.Origin.String()
		}
	}
	return "", ""
}

// check runs fn on every production entry module and reports each distinct
// finding once, naming every entry module it holds for. It also passes on
// what the evaluation could not do: unparseable modules and notes.
func check(pass *analysis.Pass, fn func(e *st.Entry, r *reporter)) {
	s := st.Load(pass.Project)
	for _, p := range s.Problems {
		pass.Problem(p.Location, "%s", p.Message)
	}
	for _, n := range s.Notes {
		pass.Note("settings: %s", n)
	}
	var all []pending
	for _, e := range s.Production() {
		from := len(all)
		if lost := e.Lost(); lost != "" {
			// A module production imports could not be read: say which
			// rules it left without an answer instead of a quiet pass.
			te, unknown := e.Track()
			fn(te, &reporter{entry: e, out: &all})
			if names := unknown(); len(all) == from && len(names) > 0 {
				pass.Note("settings: %s (%s) could not decide on %s: %s unknown, set perhaps in a module djsec could not read",
					pass.Rule.ID, pass.Rule.Name, e.Name, strings.Join(names, ", "))
			}
		} else {
			r := &reporter{entry: e, out: &all}
			if at := e.Override(); at != "" {
				// a local settings file the server may have runs at the
				// end: what it sets decides, and the tree does not hold it
				r = r.lowering("; but the settings run a local settings file at " + at +
					" when the server has one, which may set this: check it there")
			}
			fn(e, r)
			if tpl := templateBase(pass.Project, e.Name); tpl.path != "" {
				// a framework's defaults: the sites made from its project
				// template import them, and set their own values for what
				// the template assigns
				for i := from; i < len(all); i++ {
					if name := settingOf(all[i].d.Message); name != "" && tpl.assigns[name] && all[i].d.Severity != report.Low {
						all[i].d.Severity = report.Low
						all[i].d.Message += "; but " + e.Name + " is the base that the project template " + tpl.path +
							" imports, and the template sets " + name + " for every site made from it: check the value it sets"
					}
				}
			}
		}
		for i := from; i < len(all); i++ {
			// A value from local.py that production imports is easy to
			// mistake for a development-only value: say where it comes from.
			if p := all[i].d.Location.Path; p != e.File.Path && s.DevModule(p) {
				all[i].d.Message += " (set in " + p + ", development settings that the production settings import)"
			}
			deployedDefault(pass.Project, &all[i].d)
		}
	}
	all = inheritMissing(s, all)
	all = sharedBaseMissing(s, pass.Project, all)
	type key struct {
		loc report.Location
		msg string
	}
	merged := map[key]*pending{}
	var order []key
	for i := range all {
		p := &all[i]
		k := key{p.d.Location, p.d.Message}
		if m, ok := merged[k]; ok {
			m.modules = append(m.modules, p.modules...)
			continue
		}
		merged[k] = p
		order = append(order, k)
	}
	for _, k := range order {
		p := merged[k]
		sort.Strings(p.modules)
		p.d.Settings = strings.Join(dedupe(p.modules), ", ")
		pass.Report(p.d)
	}
}

// inheritMissing moves a missing setting reported for an entry module that
// imports another production entry module lacking it too (settings_ci.py
// doing from .settings import *), or for a django-configurations class
// that derives from another production class lacking it (Demo(Production)),
// to the module or class imported: one finding, where setting it fixes
// both.
func inheritMissing(s *st.Settings, all []pending) []pending {
	moved := make([]bool, len(all))
	for i := range all {
		if all[i].missing == nil {
			continue
		}
		if q := baseMissing(s, all, &all[i]); q != nil {
			q.modules = append(q.modules, all[i].modules...)
			moved[i] = true
		}
	}
	return kept(all, moved)
}

// sharedBaseMissing moves a missing setting reported for several entry
// modules that all import one module of their folder (production.py,
// staging.py and heroku.py each doing from .base import *) to the top of
// that module: one finding, where setting it fixes them all.
func sharedBaseMissing(s *st.Settings, proj *project.Project, all []pending) []pending {
	groups := map[string][]int{}
	var order []string
	for i, p := range all {
		if p.missing == nil {
			continue
		}
		k := p.d.Message
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	moved := make([]bool, len(all))
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 {
			continue
		}
		base := sharedBase(s, proj, all, idx)
		if base == "" {
			continue
		}
		first := &all[idx[0]]
		first.d.Location = report.Location{Path: base, Line: 1, Column: 1}
		for _, i := range idx[1:] {
			first.modules = append(first.modules, all[i].modules...)
			moved[i] = true
		}
	}
	return kept(all, moved)
}

// sharedBase returns a module of the first entry's folder that every
// entry of idx imports (base.py, common.py and the like first), or "".
func sharedBase(s *st.Settings, proj *project.Project, all []pending, idx []int) string {
	dir := path.Dir(all[idx[0]].missing.File.Path)
	var found []string
	for _, f := range proj.Files {
		if path.Dir(f.Path) != dir || !strings.HasSuffix(f.Path, ".py") || path.Base(f.Path) == "__init__.py" {
			continue
		}
		every := true
		for _, i := range idx {
			e := all[i].missing
			if e.File.Path == f.Path || !s.Reaches(e, f.Path) {
				every = false
				break
			}
		}
		if every {
			found = append(found, f.Path)
		}
	}
	if len(found) == 0 {
		return ""
	}
	for _, p := range found {
		switch strings.TrimSuffix(path.Base(p), ".py") {
		case "base", "common", "defaults", "default", "settings":
			return p
		}
	}
	sort.Strings(found)
	return found[0]
}

// kept returns the findings of all that were not moved into another.
func kept(all []pending, moved []bool) []pending {
	var out []pending
	for i, p := range all {
		if !moved[i] {
			out = append(out, p)
		}
	}
	return out
}

// baseMissing returns the pending finding of the same missing setting
// reported for another entry module that p's entry module imports and that
// imports no other such module itself (the base of the chain), or nil.
func baseMissing(s *st.Settings, all []pending, p *pending) *pending {
	imports := func(a, b *pending) bool {
		return b.missing != nil && b.missing != a.missing && b.d.Message == a.d.Message &&
			(s.Reaches(a.missing, b.missing.File.Path) && !s.Reaches(b.missing, a.missing.File.Path) ||
				a.missing.DerivesFrom(b.missing))
	}
	for j := range all {
		q := &all[j]
		if !imports(p, q) {
			continue
		}
		base := true
		for k := range all {
			if imports(q, &all[k]) {
				base = false
				break
			}
		}
		if base {
			return q
		}
	}
	return nil
}

func dedupe(ss []string) []string {
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// isTrue and friends are predicates for st.Check.
func isTrue(v *st.Value) bool  { return v.Truth() == 1 }
func isFalse(v *st.Value) bool { return v.Truth() == 0 }
func isNone(v *st.Value) bool  { return v.Kind == st.None }

// setting returns the value of a setting and whether it is certainly absent.
func setting(e *st.Entry, name string) (v *st.Value, absent bool) {
	v = e.Value(name)
	return v, v == nil
}

// strList returns the known strings of a list setting when the whole list is
// known: every element a string, no element unknown.
func strList(v *st.Value) ([]string, []*st.Value, bool) {
	if v == nil || !v.IsSeq() {
		return nil, nil, false
	}
	ss, all := v.Strings()
	return ss, v.Elems, all
}

// resolveList resolves a list setting (possibly an environment default) to a
// case whose value is a fully known list of strings.
func resolveList(v *st.Value) (st.Case, []string, bool) {
	c, ok := st.Check(v, func(x *st.Value) bool { _, _, all := strList(x); return all })
	if !ok {
		return c, nil, false
	}
	ss, _, _ := strList(c.V)
	return c, ss, true
}

// installed reports whether an app is in INSTALLED_APPS: 1 yes, 0 no, -1
// unknown. Apps listed by AppConfig path count by their package prefix.
func installed(e *st.Entry, app string) int {
	v := e.Value("INSTALLED_APPS")
	// whatever branch of an if the list comes from (if DEBUG:
	// INSTALLED_APPS += ("silk",)): the app is there in every one, or
	// in none. An app the project lists is there even when the rest of
	// the list is not known (INSTALLED_APPS += [...] after a star import
	// from a package outside the project).
	if _, ok := st.Holds(v, func(x *st.Value) bool { ss, _, _ := strList(x); return hasApp(ss, app) }); ok {
		return 1
	}
	if _, ok := st.Holds(v, func(x *st.Value) bool { ss, _, all := strList(x); return all && !hasApp(ss, app) }); ok {
		return 0
	}
	return -1
}

// hasApp reports whether app is among apps, by its name or an AppConfig
// path inside it.
func hasApp(apps []string, app string) bool {
	for _, a := range apps {
		if a == app || strings.HasPrefix(a, app+".") {
			return true
		}
	}
	return false
}

// middleware returns the MIDDLEWARE list when it is fully known; absent
// means Django's default, an empty list.
func middleware(e *st.Entry) (st.Case, []string, []*st.Value, bool) {
	_, v, absent := middlewareSetting(e)
	if absent {
		return st.Case{}, nil, nil, true
	}
	c, ss, ok := resolveList(v)
	if !ok {
		return c, nil, nil, false
	}
	return c, ss, c.V.Elems, true
}

func hasMiddleware(mw []string, pred func(last string) bool) int {
	for i, m := range mw {
		if pred(m[strings.LastIndexByte(m, '.')+1:]) {
			return i
		}
	}
	return -1
}

// middlewareSetting returns the middleware list Django uses: MIDDLEWARE, or
// on projects written for Django before 1.10 that only set it,
// MIDDLEWARE_CLASSES. absent means neither is set.
func middlewareSetting(e *st.Entry) (name string, v *st.Value, absent bool) {
	if v, absent := setting(e, "MIDDLEWARE"); !absent {
		return "MIDDLEWARE", v, false
	}
	if v, absent := setting(e, "MIDDLEWARE_CLASSES"); !absent {
		return "MIDDLEWARE_CLASSES", v, false
	}
	return "MIDDLEWARE", nil, true
}
