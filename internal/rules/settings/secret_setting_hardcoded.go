package settings

import (
	"slices"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/secrets"
	st "github.com/djsec/djsec/internal/settings"
)

// secretName matches names of settings (and keys of settings dicts) that hold
// secrets.
var secretName = lazyre.New(`(?i)(^|_)(PASSWORD|PASSWD|TOKEN|SECRET|SECRET_KEY|API_KEY|APIKEY|PRIVATE_KEY|ACCESS_KEY|SECRET_ACCESS_KEY|AUTH_KEY|SIGNING_KEY|CLIENT_SECRET|WEBHOOK_SECRET)$`)

// SecretSettingHardcoded finds passwords, tokens and API keys written in
// settings.
var SecretSettingHardcoded = &analysis.Rule{
	ID: "DJS405", Name: "secret-setting-hardcoded",
	Supersedes: []string{"DJK103", "DJK107", "DJK108"}, // the secrets scanner finds the same literal; this finding says which setting and module
	Severity:   report.High, Confidence: report.HighConfidence,
	CWE: []int{798}, Checklist: []int{3, 4, 17},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A password, token or API key is written in the settings",
		What: "Reports settings, and keys of settings dicts, named like secrets (*_PASSWORD, *_TOKEN, *_SECRET, " +
			"*_SECRET_KEY, *_API_KEY, *_PRIVATE_KEY, *_ACCESS_KEY, SIGNING_KEY, ...) whose value is a non-empty " +
			"literal, or falls back to one when an environment variable is unset: EMAIL_HOST_PASSWORD, " +
			"AWS_SECRET_ACCESS_KEY, STRIPE_SECRET_KEY, CACHES[...][\"OPTIONS\"][\"PASSWORD\"], djongo's " +
			"DATABASES[...][\"CLIENT\"][\"password\"]. Import paths, stand-ins for keys and tokens (\"REPLACE ME\", changeme, <your-key>, x's alone: XXX, a vendor's prefix with x's or a few digits: sk_test_12345, the test keys captcha vendors publish: reCAPTCHA's 6LeIxAcTAAAAA..., Turnstile's 1x0000...AA, letters typed along one row of the keyboard: asdfghjkl; for a " +
			"password, \"changeme\" is what the account accepts and is reported) and placeholders made of the setting's own " +
			"words, or of the environment variable's it falls back from (SENDGRID_API_KEY = \"SENDGRID_API_KEY\", a fallback to \"secret-key\", " +
			"os.environ.get(\"MMW_ITSI_SECRET_KEY\", \"itsi_secret_key\")), rate limits (ACCOUNT_RATE_LIMITS[\"reset_password\"] = " +
			"\"5/m\") and cache or lock keys of " +
			"namespaced words (WIKI_REBUILD_TOKEN = \"sumo:wiki:full-rebuild\"), a password written as a stand-in in angle brackets " +
			"(\"<specify password>\"), absolute paths of files that hold it (VARNISH_SECRET = \"/etc/varnish/secret\"), values that say the secret is not there (\"not-active\", \"secret-key-missing!\", \"undefined\", \"invalid\", \"blank\", \"NO_STEAM_API_KEY_SET\", a message in its place: \"MISSING SRAT_API_KEY ENV VAR\", a key named invalid: \"shop_invalid-03185ee5-...\") and settings " +
			"that switch or size a credential rather than hold it (SSO_ALLOW_PASSWORD, PASSWORD_MIN_LENGTH) are left alone. SECRET_KEY " +
			"and the PASSWORD of DATABASES entries have rules of their own (DJS102, DJS401). The fallback of a credential the application presents " +
			"to a backing service (a database, broker, cache, object store, mail or search server: MINIO_SECRET_KEY, EMAIL_HOST_PASSWORD) that the " +
			"project's compose files or Dockerfiles give a service as its credential (ENV MINIO_ROOT_PASSWORD=the same value) is low: it lets the " +
			"application reach the stack's own service, which is where the value is reported. One the application checks itself (ADMIN_PASSWORD) stays as it is. A literal of a module of defaults that the settings refuse to start with unless the site's own module replaces it " +
			"(for setting in (\"JWT_SECRET\", ...): assert getattr(local, setting, None) != getattr(defaults, setting, None)) is low. The key of a web maps service (OPENMAPTILES_TOKEN, " +
			"GOOGLE_MAPS_API_KEY) is low: its provider gives it to browsers by design and restricts it by referrer. A literal that several " +
			"settings read (BREVO_API_KEY, and ANYMAIL = {\"BREVO_API_KEY\": BREVO_API_KEY}) is reported once, under the shortest name.",
		Why: "A credential in the repository reaches everyone with read access, every fork and every image built " +
			"from it; mail, storage and payment accounts are then usable by an attacker, often without any trace " +
			"in the application's logs.",
		Bad:        "EMAIL_HOST_PASSWORD = \"9c1d2f7e44b0a3c58e6d1f2a7b9c0e4d\"",
		Good:       "EMAIL_HOST_PASSWORD = env(\"EMAIL_HOST_PASSWORD\")",
		Fix:        "Move the value to the environment or a secrets manager, read it without a literal default, and revoke the committed credential.",
		References: []string{"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#critical-settings"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			key := ""
			if c, ok := st.Resolve(e.Value("SECRET_KEY")); ok && c.V.Kind == st.Str {
				key = c.V.S
			}
			// found holds the literals by where they are written: a
			// setting that another reads (ANYMAIL = {"BREVO_API_KEY":
			// BREVO_API_KEY}) names the same literal, which is reported
			// once, under its shortest name
			type literal struct {
				name, last string
				c          st.Case
			}
			var found []literal
			var visit func(name, last string, c st.Case)
			visit = func(name, last string, c st.Case) {
				v := c.V
				if v.Kind == st.Str {
					// a fallback made of its variable's own words, one of
					// which names a credential (MMW_ITSI_SECRET_KEY, else
					// "itsi_secret_key"): a label; "mmw" alone would be
					// a password, if a weak one
					varWords := namesCredential(v.S) && slices.ContainsFunc(c.Vars, func(env string) bool { return ownWords(env, v.S) })
					if secretName().MatchString(last) && v.Literal && v.S != "" && v.S != key && !notASecret(last, v.S) && !varWords {
						found = append(found, literal{name, last, c})
					}
					return
				}
				if v.Kind != st.Dict {
					return
				}
				for i, k := range v.Keys {
					if k.Kind != st.Str {
						continue
					}
					if xc, ok := st.Resolve(v.Elems[i]); ok {
						xc.Vars = append(xc.Vars, c.Vars...)
						visit(name+"[\""+k.S+"\"]", k.S, xc)
					}
				}
			}
			eachSetting(e, func(name string, c st.Case) {
				switch name {
				case "SECRET_KEY", "SECRET_KEY_FALLBACKS":
					return
				case "DATABASES":
					// The PASSWORD of each entry is DJS401's; nested ones
					// (djongo's CLIENT) are this rule's.
					if c.V.Kind != st.Dict {
						return
					}
					for i, k := range c.V.Keys {
						db, ok := st.Resolve(c.V.Elems[i])
						if k.Kind != st.Str || !ok || db.V.Kind != st.Dict {
							continue
						}
						for j, f := range db.V.Keys {
							if f.Kind != st.Str || f.S == "PASSWORD" {
								continue
							}
							if fc, ok := st.Resolve(db.V.Elems[j]); ok {
								fc.Vars = append(fc.Vars, c.Vars...)
								visit(`DATABASES["`+k.S+`"]["`+f.S+`"]`, f.S, fc)
							}
						}
					}
					return
				}
				visit(name, name, c)
			})
			slices.SortStableFunc(found, func(a, b literal) int { return len(a.name) - len(b.name) })
			seen := map[st.Origin]bool{}
			for _, l := range found {
				if seen[l.c.At] {
					continue
				}
				seen[l.c.At] = true
				if serviceCredential().MatchString(l.name) && r.stackFallback(pass.Project, l.c, l.c.V.S, hardcoded(l.name, l.c)) {
					continue
				}
				rr := r
				if stop := refusesDefault(pass.Project, e, l.name); stop != "" {
					// the literal is the development default: production
					// reads the local module's, or does not start
					rr = r.lowering("; the settings refuse to start when the local settings leave it as it is (" + stop + "), so it serves development only")
				} else if secrets.MapsKey(l.last) && !strings.HasPrefix(l.c.V.S, "sk.") {
					rr = r.lowering("; it is the key of a web maps service, which browsers are given by design: " +
						"restrict it to the site's referrers at the provider")
				}
				rr.at(l.c, hardcoded(l.name, l.c))
			}
		})
	},
}

// dottedPath matches an import path such as "knox.auth.TokenAuthentication".
var dottedPath = lazyre.New(`^[A-Za-z_]\w*(\.[A-Za-z_]\w*){2,}$`)

// filePath matches an absolute path of two parts or more
// ("/etc/varnish/secret", "/run/secrets/db_password"): where the secret
// is kept, which the code reads, not the secret.
var filePath = lazyre.New(`^(/[\w.@-]+){2,}/?$`)

// notASecret recognizes values of secret-named settings that are not secrets:
// import paths of classes, rate limits (ACCOUNT_RATE_LIMITS["reset_password"]
// = "5/m"), stand-ins (REPLACE ME, changeme, <your-key>),
// and placeholders made of the setting's own words (SENDGRID_API_KEY = "SENDGRID_API_KEY", AWS_SECRET_ACCESS_KEY
// falling back to "secret-key").
func notASecret(name, value string) bool {
	return dottedPath().MatchString(value) || filePath().MatchString(value) || strings.EqualFold(value, name) || ownWords(name, value) || namespacedKey(value) ||
		secrets.RateLimit(value) || secrets.Placeholder(value) && (!passwordName(name) || bracketed(value)) ||
		flagName().MatchString(name) || sentinel(value)
}

// flagName matches settings that switch a credential's use on or off or
// size it, rather than hold it: SP_ALLOW_PASSWORD, ENABLE_API_KEY,
// PASSWORD_MIN_LENGTH.
var flagName = lazyre.New(`(?i)(^|_)(ALLOW|ALLOWS|ENABLE|ENABLED|DISABLE|DISABLED|USE|REQUIRE|REQUIRED|MIN|MAX|LENGTH|EXPIRY|EXPIRES|TIMEOUT|TTL|AGE)(_|$)`)

// bracketed reports a value written as a stand-in between angle brackets
// ("<specify password>"): no account's password reads so.
func bracketed(value string) bool {
	return len(value) > 2 && strings.HasPrefix(value, "<") && strings.HasSuffix(value, ">")
}

// sentinel reports a value made of words that say the secret is not
// there ("secret-key-missing!", "not-active", "unset", "undefined", "invalid",
// "NO_STEAM_API_KEY_SET"), which
// the code checks for to refuse to run or to turn a feature off.
func sentinel(value string) bool {
	if strings.ContainsAny(value, "0123456789") {
		return false // "undefined-key-3f9a" reads as a key
	}
	words := strings.FieldsFunc(strings.ToLower(value), func(r rune) bool { return !unicode.IsLetter(r) })
	if n := len(words); n >= 2 && n <= 8 && (words[0] == "no" || words[0] == "not") &&
		slices.Contains([]string{"set", "configured", "provided", "given"}, words[n-1]) {
		return true // "NO_STEAM_API_KEY_SET"
	}
	if n := len(words); n > 4 && n <= 12 && strings.Contains(value, " ") {
		// a message in the secret's place: "MISSING MMW_CONCORD_SECRET_KEY
		// ENV VAR", "ERROR: Could not get SRAT Catchment API Key"
		switch words[0] {
		case "missing", "error", "unset", "undefined", "please", "set", "configure", "provide":
			return true
		}
	}
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		switch w {
		case "missing", "unset", "notset", "disabled", "inactive", "unconfigured", "not", "undefined", "none", "null", "blank", "empty", "invalid":
			return true
		}
	}
	return false
}

// passwordName reports a setting that holds a password: a stand-in there
// ("changeme") is still what the site's own account or service accepts,
// where an API key or client secret written as "REPLACE ME" opens nothing.
func passwordName(name string) bool {
	u := strings.ToUpper(name)
	return strings.Contains(u, "PASSWORD") || strings.Contains(u, "PASSWD") || strings.HasSuffix(u, "_PASS") || strings.HasSuffix(u, "PWD")
}

// namespacedKey reports a cache or lock key written as namespaced words
// ("sumo:wiki:full-rebuild"): parts joined by colons, each of lowercase
// letters joined by - or _, without digits. Such a value names an entry
// that code looks up, as WIKI_REBUILD_TOKEN names the lock of a rebuild;
// a token or password would not read as words.
func namespacedKey(value string) bool {
	parts := strings.Split(value, ":")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, r := range p {
			if !('a' <= r && r <= 'z' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

// ownWords reports whether every word of value is a word of name.
func ownWords(name, value string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	words := split(name)
	vs := split(value)
	for _, w := range vs {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return len(vs) > 0
}

// namesCredential reports a value one of whose words names a credential:
// secret, key, token, password, pass, pwd.
func namesCredential(value string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(value), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "secret", "key", "token", "password", "pass", "passwd", "pwd", "apikey":
			return true
		}
	}
	return false
}

// serviceCredential matches the settings that hold the credential the
// application presents to a backing service (a database, broker, cache,
// object store, mail or search server), which the service checks; not
// one the application itself checks (ADMIN_PASSWORD, API_KEY), where a
// fallback known to all opens the application.
var serviceCredential = lazyre.New(`(?i)(DB|DATABASE|POSTGRES|PG|MYSQL|MARIADB|REDIS|RABBIT|AMQP|BROKER|CELERY|MINIO|S3|AWS|STORAGE|BLOB|BUCKET|EMAIL|SMTP|MAIL|ELASTIC|OPENSEARCH|SOLR|CACHE|MEMCACHE|MONGO|LDAP)`)
