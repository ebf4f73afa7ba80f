package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// InsecureRandom finds the random module used for secrets.
var InsecureRandom = &analysis.Rule{
	ID:         "DJC204",
	Name:       "insecure-random-secret",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{338},
	Checklist:  []int{5, 12},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The random module makes a token, password, OTP or session value",
		What: "Reports calls of the random module (random, randint, randrange, choice, choices, sample, " +
			"getrandbits) whose result is stored in, or returned by a function named like, a token, password, " +
			"OTP, PIN, nonce, salt, secret, reset or verification code, API key or session value. random used " +
			"for shuffling, sampling or display, random.SystemRandom and the secrets module are not reported.",
		Why: "random is a Mersenne Twister: after 624 outputs its state is known and every later value can be " +
			"predicted, so reset links, OTPs and invitation codes can be guessed.",
		Bad:  "otp = \"\".join(random.choice(string.digits) for _ in range(6))",
		Good: "otp = \"\".join(secrets.choice(string.digits) for _ in range(6))",
		Fix:  "Use the secrets module (secrets.token_urlsafe, secrets.choice, secrets.randbelow) or django.utils.crypto.get_random_string.",
		References: []string{"https://docs.python.org/3/library/secrets.html",
			"https://docs.python.org/3/library/random.html", "https://cwe.mitre.org/data/definitions/338.html"},
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
					case *python.AugAssign:
						target, value = m.Text(s.Target), s.Value
					case *python.Return:
						target, value = fn.Name, s.Value
					case *python.Keyword:
						target, value = s.Arg, s.Value
					default:
						return true
					}
					if value == nil || !secretName.MatchString(target) || strings.Contains(strings.ToLower(target), "session_key_prefix") {
						return true
					}
					python.Inspect(value, func(n python.Node) bool {
						c, ok := n.(*python.Call)
						if !ok {
							return true
						}
						q := m.QualName(c.Func)
						if strings.HasPrefix(q, "random.") && !strings.HasPrefix(q, "random.SystemRandom") && q != "random.shuffle" && q != "random.seed" {
							pass.Reportf(m.Location(c), "%s makes %s: its output is predictable", q, target)
							return false
						}
						return true
					})
					return true
				})
			})
		}
	},
}
