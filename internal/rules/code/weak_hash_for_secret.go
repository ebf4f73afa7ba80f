package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// WeakHashForSecret finds MD5 and SHA-1 used on passwords and tokens.
var WeakHashForSecret = &analysis.Rule{
	ID:         "DJC203",
	Name:       "weak-hash-for-secret",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{916, 327},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "MD5 or SHA-1 is used for a password or token",
		What: "Reports hashlib.md5, hashlib.sha1 and hashlib.new(\"md5\"/\"sha1\") when what is hashed, or the " +
			"variable or function that receives the digest, is named like a password, secret, token, OTP, API key, " +
			"salt or session value. Checksums of files and content (ETags, cache keys) and calls with " +
			"usedforsecurity=False are not reported.",
		Why: "MD5 and SHA-1 are fast: a GPU tries billions of guesses a second, so leaked password hashes fall " +
			"quickly, and predictable token digests can be forged.",
		Bad:  "user.pin_hash = hashlib.md5(pin.encode()).hexdigest()",
		Good: "user.pin_hash = make_password(pin)  # PBKDF2/Argon2 with salt",
		Fix: "Store passwords with django.contrib.auth.hashers.make_password; make tokens with secrets.token_urlsafe " +
			"and compare them with hmac.compare_digest; use HMAC-SHA256 for signatures.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/passwords/",
			"https://cwe.mitre.org/data/definitions/916.html", "https://cwe.mitre.org/data/definitions/327.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range prog.Modules {
			if inTests(m) {
				continue
			}
			eachFunction(m, func(fn *python.FunctionDef) {
				python.Inspect(fn, func(n python.Node) bool {
					var target string
					var value python.Expr
					switch s := n.(type) {
					case *python.Assign:
						if len(s.Targets) > 0 {
							target, value = m.Text(s.Targets[0]), s.Value
						}
					case *python.Return:
						target, value = fn.Name, s.Value
					default:
						return true
					}
					if value == nil {
						return true
					}
					python.Inspect(value, func(n python.Node) bool {
						c, ok := n.(*python.Call)
						if !ok {
							return true
						}
						algo := weakAlgo(m, c)
						if algo == "" {
							return true
						}
						if b, ok := constBool(kw(c, "usedforsecurity")); ok && !b {
							return true
						}
						hashed := ""
						if len(c.Args) > 0 {
							hashed = m.Text(c.Args[len(c.Args)-1])
						}
						if secretName.MatchString(target) || secretName.MatchString(hashed) {
							pass.Reportf(m.Location(c), "%s is used to hash a secret (%s): it is fast to brute-force", algo, firstNonEmpty(hashed, target))
						}
						return false
					})
					return true
				})
			})
		}
	},
}

func weakAlgo(m *taint.Module, c *python.Call) string {
	switch q := m.QualName(c.Func); q {
	case "hashlib.md5", "hashlib.sha1":
		return q
	case "hashlib.new":
		if len(c.Args) > 0 {
			if s, ok := constStr(c.Args[0]); ok && (s == "md5" || s == "sha1" || s == "MD5" || s == "SHA1") {
				return "hashlib.new(" + s + ")"
			}
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// eachFunction visits every function and method of a module, nested ones
// included.
func eachFunction(m *taint.Module, fn func(*python.FunctionDef)) {
	python.Inspect(m.AST, func(n python.Node) bool {
		if f, ok := n.(*python.FunctionDef); ok {
			fn(f)
			return false
		}
		return true
	})
}
