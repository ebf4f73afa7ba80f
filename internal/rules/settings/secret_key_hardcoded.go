package settings

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// SecretKeyHardcoded finds SECRET_KEY and SECRET_KEY_FALLBACKS values written
// in the source, including literal fallbacks of environment lookups.
var SecretKeyHardcoded = &analysis.Rule{
	ID: "DJS102", Name: "secret-key-hardcoded",
	Supersedes: []string{"DJK105", "DJK107"}, // the secrets scanner finds the same literal; this finding says which setting and module
	Severity:   report.High, Confidence: report.HighConfidence,
	CWE: []int{798, 321}, Checklist: []int{3, 4},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "SECRET_KEY is written in the source",
		What: "Reports SECRET_KEY and every key of SECRET_KEY_FALLBACKS whose value is a literal of the settings " +
			"module, or the literal default of an environment lookup (`os.environ.get(\"SECRET_KEY\", \"dev-key\")`), " +
			"which production uses whenever the variable is unset. The message adds what makes a key weak as well " +
			"(check --deploy's security.W009 and W025): fewer than 50 characters, fewer than 5 distinct characters, " +
			"or the `django-insecure-` prefix of startproject. A key given with --env or --env-file is judged by the same " +
			"measures (and never printed). Keys read from the environment without a default, " +
			"from files or from a secrets manager are not reported; an empty default is not a key. A default that the production " +
			"settings module, or a module it star-imports, refuses to start with (`assert SECRET_KEY != \"CHANGE_ME\"`, also under an if on the environment, " +
			"or `if not SECRET_KEY or SECRET_KEY in INSECURE_KEYS: raise ImproperlyConfigured(...)` with the default among a collection the module holds, or a name that holds it: " +
			"`if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY: raise ...`) is low, and so is a literal in effect only when the same unset variables turn DEBUG on " +
			"(`if DEBUG: SECRET_KEY = \"dev-key\"`, DEBUG true unless DJANGO_DEBUG says otherwise), which DJS101 reports.",
		Why: "Anyone who reads the repository, an old commit, a CI log or a container image can forge session cookies, " +
			"password reset tokens and signed data, and with a pickle session serializer run code on the server.",
		Bad:  "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", \"django-insecure-x8k...\")",
		Good: "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]",
		Fix: "Read SECRET_KEY from the environment or a secrets manager without a fallback, rotate the key that was " +
			"committed (move it to SECRET_KEY_FALLBACKS only for the rotation period), and generate new keys with " +
			"django.core.management.utils.get_random_secret_key().",
		References: []string{
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key",
			"https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			literal := func(v *st.Value) bool { return v.Kind == st.Str && v.Literal && v.S != "" }
			if c, ok := st.Check(e.Value("SECRET_KEY"), literal); ok {
				if stop := refusesLiteral(pass.Project, e, "SECRET_KEY", c.V.S); stop != "" && c.FromEnv() {
					r.lowering("; the production settings refuse to start with it ("+stop+"): only the environments the refusal lets "+
						"through run with the fallback").key(c, "SECRET_KEY")
				} else if debugAlike(e, c) {
					r.lowering("; DEBUG is True whenever the same variables are unset (DJS101 reports it): the literal goes with a "+
						"site in debug mode, which production must not run").key(c, "SECRET_KEY")
				} else {
					r.key(c, "SECRET_KEY")
				}
			} else if c, ok := st.Check(e.Value("SECRET_KEY"), givenWeak); ok {
				d := pendingAt(c, fmt.Sprintf("SECRET_KEY %s is weak: %s (security.W009)", c.V.Why, weakness(c.V.S)))
				d.Confidence = report.HighConfidence // the user told us the value
				d.Fix = "Set the variable to a new key of 50 random characters, made by " +
					"django.core.management.utils.get_random_secret_key(); keep the old one in SECRET_KEY_FALLBACKS " +
					"only while existing sessions must survive."
				r.add(d)
			}
			fb, absent := setting(e, "SECRET_KEY_FALLBACKS")
			if absent {
				return
			}
			if c, ok := st.Resolve(fb); ok && c.V.IsSeq() {
				for _, k := range c.V.Elems {
					if literal(k) {
						r.key(st.Case{V: k, Vars: c.Vars, At: k.Origin}, "SECRET_KEY_FALLBACKS")
					}
				}
			}
		})
	},
}

// debugAlike reports a literal key in effect only when the same unset
// variables turn DEBUG on: if DEBUG: SECRET_KEY = "dev-key" else:
// SECRET_KEY = os.environ["DJANGO_SECRET_KEY"], with DEBUG read from
// DJANGO_DEBUG and true by default.
func debugAlike(e *st.Entry, c st.Case) bool {
	if !c.FromEnv() {
		return false
	}
	d, ok := st.Holds(e.Value("DEBUG"), isTrue)
	return ok && d.FromEnv() && slices.Equal(slices.Sorted(slices.Values(d.Vars)), slices.Sorted(slices.Values(c.Vars)))
}

// givenWeak holds for a key the user supplied with --env or --env-file
// (djsec never prints it) that Django's deployment check would call weak.
func givenWeak(v *st.Value) bool {
	return v.Kind == st.Str && !v.Literal && strings.HasPrefix(v.Why, "from --env ") && weakness(v.S) != ""
}

// key reports a literal key, saying what also makes it weak; a key with no
// environment variable in front of it is critical.
func (r *reporter) key(c st.Case, name string) {
	msg := hardcoded(name, c)
	if w := weakness(c.V.S); w != "" {
		msg += "; the key is also weak: " + w
	}
	d := pendingAt(c, msg)
	if !c.FromEnv() {
		d.Severity = report.Critical
	}
	r.add(d)
}

// weakness says why Django's deployment check would call a key weak.
// characters counts characters in words: "1 character", "3 distinct
// characters".
func characters(n int, kind string) string {
	if n == 1 {
		return "1 " + kind + "character"
	}
	return fmt.Sprintf("%d %scharacters", n, kind)
}

func weakness(k string) string {
	distinct := map[rune]bool{}
	for _, r := range k {
		distinct[r] = true
	}
	switch {
	case strings.HasPrefix(k, "django-insecure-"):
		return "it has the django-insecure- prefix of startproject"
	case len([]rune(k)) < 50:
		return fmt.Sprintf("it has %s, fewer than 50", characters(len([]rune(k)), ""))
	case len(distinct) < 5:
		return fmt.Sprintf("it has %s, fewer than 5", characters(len(distinct), "distinct "))
	}
	return ""
}
