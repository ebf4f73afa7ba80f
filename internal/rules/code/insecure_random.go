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
			seen := map[python.Node]bool{}
			for _, st := range m.Index().Calls {
				q := st.Q
				if st.Func == nil || !strings.HasPrefix(q, "random.") || strings.HasPrefix(q, "random.SystemRandom") || q == "random.shuffle" || q == "random.seed" {
					continue
				}
				var ctx python.Node
				target := ""
				if st.Kw != nil && secretName.MatchString(st.Kw.Arg) {
					ctx, target = st.Kw, st.Kw.Arg
				} else if t := stmtTarget(m, st); t != "" && secretName.MatchString(t) && !strings.Contains(strings.ToLower(t), "session_key_prefix") {
					ctx, target = st.Stmt, t
				}
				if ctx == nil || seen[ctx] {
					continue
				}
				seen[ctx] = true
				pass.Reportf(m.Location(st.Call), "%s makes %s: its output is predictable", q, target)
			}
		}
	},
}
