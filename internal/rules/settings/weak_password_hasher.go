package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// weakHashers are password hashers that make stolen hashes cheap to crack.
var weakHashers = map[string]string{
	"MD5PasswordHasher":          "salted MD5",
	"SHA1PasswordHasher":         "salted SHA-1",
	"UnsaltedMD5PasswordHasher":  "unsalted MD5",
	"UnsaltedSHA1PasswordHasher": "unsalted SHA-1",
	"CryptPasswordHasher":        "DES crypt(3)",
	"PlainTextPasswordHasher":    "plain text",
}

// WeakPasswordHasher finds PASSWORD_HASHERS led by a fast or unsalted hash.
var WeakPasswordHasher = &analysis.Rule{
	ID: "DJS301", Name: "weak-password-hasher",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{916, 328}, Checklist: []int{5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Passwords are stored with a fast or unsalted hash",
		What: "Reports PASSWORD_HASHERS in production settings whose first entry, the hasher every new password " +
			"and every upgraded hash uses, is MD5, SHA-1 (salted or not), crypt or plain text. Weak hashers listed " +
			"after a strong first one only verify old hashes and are left alone.",
		Why: "A database leak is then a password leak: MD5 and SHA-1 run billions of guesses a second on one GPU, " +
			"and unsalted hashes fall to precomputed tables.",
		Bad:        "PASSWORD_HASHERS = [\"django.contrib.auth.hashers.MD5PasswordHasher\"]",
		Good:       "PASSWORD_HASHERS = [\n    \"django.contrib.auth.hashers.Argon2PasswordHasher\",\n    \"django.contrib.auth.hashers.PBKDF2PasswordHasher\",\n]",
		Fix:        "Put Argon2PasswordHasher, ScryptPasswordHasher or PBKDF2PasswordHasher first; keep a weak hasher after them only until old hashes are upgraded at login. Fast hashers belong in test settings only.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/passwords/#using-argon2-with-django"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Check(e.Value("PASSWORD_HASHERS"), func(v *st.Value) bool {
				return v.IsSeq() && len(v.Elems) > 0 && v.Elems[0].Kind == st.Str
			})
			if !ok {
				return
			}
			first := c.V.Elems[0]
			cls := first.S[strings.LastIndexByte(first.S, '.')+1:]
			what := weakHashers[cls]
			if what == "" || !strings.HasPrefix(first.S, "django.contrib.auth.hashers.") {
				return
			}
			at := c
			if !c.FromEnv() {
				at.At = first.Origin
			}
			r.at(at, "passwords are hashed with "+cls+" ("+what+"), the first of PASSWORD_HASHERS"+c.When())
		})
	},
}
