package settings

import (
	"regexp"
	"strings"

	st "github.com/djsec/djsec/internal/settings"
)

// A production settings module may refuse to start with the value a
// fallback gives: assert SECRET_KEY != "CHANGE_ME", if DEBUG: raise
// ImproperlyConfigured(...). The server then never runs with it, however
// the environment is set, and the fallback serves development only.

// refusal returns the statement of the entry's own module that stops
// Django from starting while setting name has the value the pattern
// describes, "" when there is none: a statement, not a comment. A
// refusal under an if (if ENVIRONMENT != "local": assert ...) counts; the
// finding says that the environments it lets through run with the
// fallback.
func refusal(e *st.Entry, re *regexp.Regexp) string {
	if e.File == nil {
		return ""
	}
	data, err := e.File.Content()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(re.Find(data)))
}

// refusesLiteral returns the refusal of the literal lit in setting name:
// assert name != "lit", or if name == "lit": raise ... (also with more
// conditions: if name == "lit" and DEBUG is False: raise ...).
func refusesLiteral(e *st.Entry, name, lit string) string {
	q := regexp.QuoteMeta(lit)
	n := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`(?m)^[ \t]*assert\s+` + n + `\s*!=\s*(?:'` + q + `'|"` + q + `")|` +
		`^[ \t]*if\s+` + n + `\s*==\s*(?:'` + q + `'|"` + q + `")[^:\n]*:\s*(?:#[^\n]*)?\n\s*raise\b`)
	return refusal(e, re)
}

// refusesDebug matches a refusal of DEBUG: assert not DEBUG, or if DEBUG:
// raise ... .
var refusesDebug = regexp.MustCompile(`(?m)^[ \t]*assert\s+not\s+DEBUG\b|^[ \t]*if\s+DEBUG\s*:\s*(?:#[^\n]*)?\n\s*raise\b`)
