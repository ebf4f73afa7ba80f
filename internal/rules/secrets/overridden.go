package secrets

import (
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/settings"
)

// A base settings module often keeps the key startproject wrote ("Quick-
// start development settings - unsuitable for production") while the
// production module that imports it sets its own from the environment.
// That literal is what development runs with, not the site: DJK105 still
// reports it, at low severity, naming the modules that replace it.

// maxStatementLines is how far below the start of an assignment its
// literal may sit (SECRET_KEY = env(\n    "SECRET_KEY",\n    default="..."\n)).
const maxStatementLines = 6

// replacedInProduction returns the production settings modules that read
// the module at path and set their own SECRET_KEY in place of the literal
// h found there, or nil when one of them may use that literal (it is their
// value, a fallback of an environment lookup, one of the values an if may
// give, a string computed from it), when djsec cannot tell, or when no
// production settings module reads path.
func replacedInProduction(p *project.Project, path string, h *hit) []string {
	s := settings.Load(p)
	var names []string
	for _, e := range s.Production() {
		if !s.Reaches(e, path) {
			continue
		}
		v := e.Value("SECRET_KEY")
		if v == nil || mayUse(v, path, h, 0) {
			return nil
		}
		names = append(names, e.Name)
	}
	return names
}

// mayUse reports whether a setting's value may be the literal of h, or
// cannot be known.
func mayUse(v *settings.Value, path string, h *hit, depth int) bool {
	switch {
	case v == nil:
		return false
	case depth > 8, v.Origin.Path == path && v.Origin.Line <= h.line && h.line <= v.Origin.Line+maxStatementLines:
		// set there: the origin is the assignment's first line, and
		// the literal may sit a few lines below it
		return true
	case v.Kind == settings.Str:
		// the literal itself, or one computed from it (SECRET_KEY.strip())
		return fingerprintOf(v.S, entropy(v.S)) == h.hash
	case v.Kind == settings.Unknown:
		return !generated(v)
	case v.Kind == settings.Env && mayUse(v.Default, path, h, depth+1):
		return true
	}
	for _, a := range v.Alts {
		if mayUse(a, path, h, depth+1) {
			return true
		}
	}
	return false
}

// generated reports a value djsec could not compute because the settings
// make it at start from a source of randomness (get_random_secret_key(),
// secrets.token_urlsafe(), a join of random choices) or read it from a
// file (with open(...) as f: SECRET_KEY = f.read()). It is not a literal
// of the project's.
func generated(v *settings.Value) bool {
	for _, w := range []string{"call of secrets.", "call of django.core.management.utils.get_random_secret_key",
		"call of os.urandom", "call of uuid.", "call of random.", "a comprehension", "GeneratorExp is not evaluated",
		settings.FileContent} {
		if strings.Contains(v.Why, w) {
			return true
		}
	}
	return false
}
