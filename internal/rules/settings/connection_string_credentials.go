package settings

import (
	"net/url"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// credURL matches a URL with a user and a non-empty password.
var credURL = lazyre.New(`^[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@`)

// devPasswords are the passwords services ship with, which development
// setups keep.
var devPasswords = map[string]bool{
	"guest": true, "postgres": true, "password": true, "root": true, "admin": true, "redis": true,
	"rabbitmq": true, "mysql": true, "secret": true, "dev": true, "test": true,
}

// ConnectionStringCredentials finds connection strings with credentials
// written in settings.
var ConnectionStringCredentials = &analysis.Rule{
	ID: "DJS403", Name: "connection-string-credentials",
	Supersedes: []string{"DJK106", "DJK107"}, // the secrets scanner finds the same literal; this finding says which setting and module
	Severity:   report.High, Confidence: report.HighConfidence,
	CWE: []int{798}, Checklist: []int{3, 4, 17},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A connection string with a password is written in the settings",
		What: "Reports settings (at any depth: CACHES, CELERY_BROKER_URL, MONGODB_URI, ...) whose value is a " +
			"literal URL carrying a password (scheme://user:password@host), including literal defaults of " +
			"environment lookups, such as the MongoDB URI of a djongo DATABASES entry. The PASSWORD of a " +
			"DATABASES entry, including one parsed from a database URL, is DJS401's. A service on localhost is a " +
			"developer's: its password is medium, and low when it is the fallback of an environment lookup or a " +
			"password services ship with (guest:guest@localhost). A host kept for documentation (example.com, db.example.org, a .test or .invalid name) is an example, which no service answers to, and is not reported. A fallback whose password the project's compose files or " +
			"Dockerfiles give a service as its credential (RABBITMQ_DEFAULT_PASS: the same value) is low.",
		Why: "The password of the cache, broker or document store is then in every clone of the repository; " +
			"Redis and MongoDB reached with it usually give full read and write access.",
		Bad:        "CELERY_BROKER_URL = \"redis://:s3cret@cache.internal:6379/0\"",
		Good:       "CELERY_BROKER_URL = env(\"CELERY_BROKER_URL\")",
		Fix:        "Read connection strings from the environment or a secrets manager without a literal default, and rotate the committed password.",
		References: []string{"https://www.mongodb.com/docs/manual/reference/connection-string/"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			eachSetting(e, func(name string, c st.Case) {
				walkStrings(c, name, func(path string, s st.Case) {
					if name == "DATABASES" && strings.HasSuffix(path, `["URL"]`) {
						return // the database URL's password is DJS401's
					}
					if !s.V.Literal || !credURL().MatchString(s.V.S) {
						return
					}
					user, pw, host := "", "", ""
					if u, err := url.Parse(s.V.S); err == nil && u.User != nil {
						user = u.User.Username()
						pw, _ = u.User.Password()
						host = u.Hostname()
					}
					whose := "a password"
					if user != "" {
						whose = "the password of user \"" + user + "\""
					}
					msg := path + " is a connection string with " + whose + " in the source"
					if s.FromEnv() {
						msg = path + " falls back to a connection string with " + whose + s.When()
					}
					if project.ExampleHost(host) {
						return // the documentation's example: no service answers to it
					}
					if localHost(host) {
						// A broker or cache on the developer's machine.
						d := pendingAt(s, msg+" (a service on localhost)")
						d.Severity = report.Medium
						if s.FromEnv() || devPasswords[strings.ToLower(pw)] || strings.EqualFold(pw, user) {
							d.Severity = report.Low
							d.Message = msg + ", a development default for a service on localhost; do not reuse it in production"
						}
						r.add(d)
						return
					}
					if pw != "" && r.stackFallback(pass.Project, s, pw, msg) {
						return
					}
					r.at(s, msg)
				})
			})
		})
	},
}

// eachSetting calls fn with every upper-case setting of the entry whose value
// resolves, in name order.
func eachSetting(e *st.Entry, fn func(name string, c st.Case)) {
	names := e.Names()
	sort.Strings(names)
	for _, n := range names {
		if n != strings.ToUpper(n) || strings.HasPrefix(n, "_") {
			continue
		}
		if c, ok := st.Resolve(e.Value(n)); ok {
			fn(n, c)
		}
	}
}

// walkStrings calls fn for every string in a value, with a path such as
// CACHES["default"]["LOCATION"].
func walkStrings(c st.Case, path string, fn func(path string, s st.Case)) {
	v := c.V
	switch {
	case v.Kind == st.Str:
		fn(path, c)
	case v.IsSeq():
		for _, x := range v.Elems {
			if xc, ok := st.Resolve(x); ok {
				xc.Vars = append(xc.Vars, c.Vars...)
				if !xc.FromEnv() && x.Kind != st.Env {
					xc.At = x.Origin
				}
				walkStrings(xc, path+"[...]", fn)
			}
		}
	case v.Kind == st.Dict:
		for i, k := range v.Keys {
			if k.Kind != st.Str {
				continue
			}
			if xc, ok := st.Resolve(v.Elems[i]); ok {
				xc.Vars = append(xc.Vars, c.Vars...)
				walkStrings(xc, path+"[\""+k.S+"\"]", fn)
			}
		}
	}
}
