package secrets

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
)

// JWTSecretOrToken reports JWT signing keys written in files, and signed JWTs
// that are bearer credentials.
var JWTSecretOrToken = &analysis.Rule{
	ID:         "DJK108",
	Supersedes: []string{"DJC209"}, // names the service, where DJC209 only says "credential"
	Name:       "jwt-secret-or-token",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{798, 321},
	Checklist:  []int{4, 5, 12},
	Doc: analysis.Doc{
		Title: "JWT signing key or token written in a file",
		What: "Literal values of JWT signing settings (JWT_SECRET, JWT_SECRET_KEY, SIMPLE_JWT's SIGNING_KEY, " +
			"JWT_AUTH's JWT_SECRET_KEY) and literal keys passed to jwt.encode, jwt.decode, jwt.sign or jwt.verify; " +
			"short or guessable keys such as \"secret\" are reported too, since a weak HMAC key is as good as none. " +
			"Also signed JWTs (eyJ….eyJ….sig), which are bearer credentials, as medium (low once their exp claim has " +
			"passed: they no longer authenticate, though the key that signed them may still be in use; low too when issued to an " +
			"address of a domain reserved for examples, such as admin@example.com, as demo accounts' tokens are, and as the query of an image's URL " +
			"that a page shows, ![castle](https://cdn.example/castle.jpg?token=eyJ…), the image host's grant to fetch that picture); unsigned tokens (alg none) " +
			"and the jwt.io sample are left alone. Settings that refer to SECRET_KEY, the environment or a variable (var.JWT_SECRET in Terraform) are fine. A key in " +
			"settings meant for development (named, documented or placed so, as the settings rules tell them) is " +
			"low, with low confidence, as a Django key (DJK105) and every other secret there are." + devFileWhat,
		Why: "Whoever has the HMAC key of a JWT scheme can mint a token for any user, with any claims, that the API " +
			"accepts as genuine; a hard-coded key is shared with everyone who can read the code.",
		Bad:  "SIMPLE_JWT = {\"SIGNING_KEY\": \"secret\"}\ntoken = jwt.encode(payload, \"secret\", algorithm=\"HS256\")",
		Good: "SIMPLE_JWT = {\"SIGNING_KEY\": os.environ[\"JWT_SIGNING_KEY\"]}\ntoken = jwt.encode(payload, settings.JWT_SIGNING_KEY, algorithm=\"HS256\")",
		Fix: "Generate a long random key (32 bytes or more) and load it from the environment; rotate it, which " +
			"invalidates every token signed with the old one. Revoke any committed token.",
		References: []string{
			"https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#signing-key",
			"https://pyjwt.readthedocs.io/en/stable/usage.html",
			"https://cwe.mitre.org/data/definitions/321.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runJWT,
}

var jwtDetectors = []*Detector{
	{
		ID: "jwt-signing-key", Description: "JWT signing key",
		AtKey:  true,
		Assign: true,
		Regex: `(?i)(?P<key>\b[\w.-]*(?:jwt[_.-]?(?:secret|signing|key|private|hmac)[\w.-]*|signing[_.-]?key))` + assignOp +
			valueRE,
		MinLen:      4,
		MaxLen:      512,
		Keywords:    []string{"jwt", "signing_key", "signing-key", "signingkey"},
		Quoted:      true,
		SkipInTests: true,
		Placeholder: jwtPlaceholder,
		Check:       checkJWTKey,
	},
	{
		ID: "jwt-literal-key", Description: "JWT signing key",
		AtKey:       true,
		Regex:       `(?i)\b(?:jwt|jws)\.(?:encode|decode|sign|verify)\s*\(`,
		Keywords:    []string{"jwt.encode", "jwt.decode", "jwt.sign", "jwt.verify", "jws.sign", "jws.verify"},
		SkipInTests: true,
		Check:       checkJWTCall,
	},
	{
		ID: "jwt-token", Description: "signed JWT",
		Regex:    `(?P<secret>eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{16,})`,
		Keywords: []string{"eyj"},
		Severity: report.Medium,
		Check:    checkJWTToken,
	},
}

// jwtPlaceholder recognises stand-ins; unlike the generic check, plain words
// such as "secret" are not stand-ins here but weak keys.
func jwtPlaceholder(s string) bool {
	if isPlaceholder(s, false) || strings.HasPrefix(s, "$") || strings.HasPrefix(s, "%") {
		return true
	}
	return envName().MatchString(s)
}

// envName matches the name of an environment variable, which settings
// often hold instead of the value.
var envName = lazyre.New(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`)

func checkJWTKey(m *match) bool {
	lk := strings.ToLower(m.key)
	for _, w := range []string{"algorithm", "public", "verifying", "audience", "issuer"} {
		if strings.Contains(lk, w) {
			return false
		}
	}
	if namesNotValue(m.key) {
		return false
	}
	switch strings.ToLower(m.secret) {
	case "true", "false", "yes", "no", "on", "off", "null", "none", "~":
		return false // generateJwtSecret: true, a switch and not a key
	}
	if strings.ContainsAny(m.secret, "()[] ") || strings.Contains(m.secret, "://") ||
		strings.HasPrefix(m.secret, "-----BEGIN") || strings.HasPrefix(m.secret, "/") {
		return false
	}
	weakKey(m)
	return true
}

// weakKey notes keys that a dictionary attack finds.
func weakKey(m *match) {
	if len(m.secret) < 16 || entropy(m.secret) < 3.0 {
		m.note = "; it is also short or guessable, so tokens can be forged without reading the file"
	}
}

// checkJWTCall finds the key argument of a jwt.encode/decode/sign/verify
// call: the second positional argument or key=. Only a string literal is a
// hard-coded key.
func checkJWTCall(m *match) bool {
	end := m.loc[1]
	args := splitArgs(m.line[end:])
	var key string
	for i, a := range args {
		a = strings.TrimSpace(a)
		if k, v, ok := strings.Cut(a, "="); ok && isIdent(strings.TrimSpace(k)) {
			if strings.TrimSpace(k) == "key" {
				key = strings.TrimSpace(v)
			}
			continue
		}
		if i == 1 {
			key = a
		}
	}
	if len(key) < 3 || (key[0] != '"' && key[0] != '\'') || key[len(key)-1] != key[0] {
		return false
	}
	lit := key[1 : len(key)-1]
	if lit == "" || jwtPlaceholder(lit) {
		return false
	}
	m.secret = lit
	weakKey(m)
	return true
}

// splitArgs splits the text after a call's open parenthesis into its
// top-level arguments, up to the closing one or the end of the line.
func splitArgs(s string) []string {
	var args []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				return append(args, s[start:i])
			}
			depth--
		case c == ',' && depth == 0:
			args = append(args, s[start:i])
			start = i + 1
		}
	}
	return append(args, s[start:])
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
}

func checkJWTToken(m *match) bool {
	parts := strings.Split(m.secret, ".")
	header, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	payload, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	var h struct {
		Alg string `json:"alg"`
	}
	var p map[string]any
	if json.Unmarshal(header, &h) != nil || json.Unmarshal(payload, &p) != nil {
		return false
	}
	if h.Alg == "" || strings.EqualFold(h.Alg, "none") {
		return false // unsigned: not a credential
	}
	if p["name"] == "John Doe" || p["sub"] == "1234567890" {
		return false // the jwt.io sample
	}
	if exp, ok := p["exp"].(float64); ok && exp > 0 && exp < 1<<40 {
		m.expires = int64(exp)
	}
	if i := strings.Index(m.line, m.secret); i > 0 && imageURLQuery().MatchString(m.line[:i]) {
		// ![castle](https://cdn.example/castle.jpg?token=eyJ...): the
		// image host's grant to fetch that one picture, shown to every
		// reader of the page
		m.severity = report.Low
		m.claim = "it is the query of an image's URL that the page shows, a grant to fetch that image"
		return true
	}
	if who := exampleAccount(p); who != "" {
		m.severity = report.Low
		m.claim = "it was issued to " + who + ", an account of a domain reserved for examples, so it is a demo or test account's token"
		m.note = "; check that the key that signed it is not the one the service uses"
	}
	return true
}

// imageURLQuery matches the text before a value of the query of an
// image's URL that a page shows: a Markdown image or an img tag's src,
// whose path ends in an image's extension.
var imageURLQuery = lazyre.New(`(?i)(?:!\[[^\]]*\]\(|<img\b[^>]*\bsrc=["'])https?://[^\s)"'?]*\.(?:jpe?g|png|gif|webp|svg|avif)\?(?:[^\s)"'#]*&)?[\w.-]+=$`)

// exampleAccount returns the identity claim of a token's payload when it
// names an address of a domain reserved for examples (RFC 2606,
// RFC 6761: example.com, .test, .localhost…): such a token was minted for
// a demo or development account, as frontends' dummy backends and fixtures
// do, since no real user of a site has one.
func exampleAccount(p map[string]any) string {
	for _, k := range []string{"email", "sub", "username", "preferred_username", "upn", "unique_name"} {
		v, _ := p[k].(string)
		at := strings.LastIndexByte(v, '@')
		if at < 0 {
			continue
		}
		if exampleHost(strings.ToLower(v[at+1:])) {
			return v
		}
	}
	return ""
}

func exampleHost(h string) bool {
	switch h {
	case "example.com", "example.org", "example.net", "localhost":
		return true
	}
	for _, tld := range []string{".example.com", ".example.org", ".example.net", ".example", ".test", ".invalid", ".localhost"} {
		if strings.HasSuffix(h, tld) {
			return true
		}
	}
	return false
}

// expired lowers a signed JWT whose exp is past when the scan runs: it no
// longer authenticates anyone. The key that signed it may still be the
// one in use, which the finding says.
// runJWT reports the rule's hits: an expired token is low, and a key in
// a settings module meant for development (by its name, docstring, base
// or folder, as the settings rules tell them) has low confidence, as
// DJK105 gives a Django key there.
func runJWT(p *analysis.Pass) {
	exp := expired(p.Now)
	runFamilyWith(p, func(h *hit) {
		exp(h)
		if h.confidence != report.LowConfidence && strings.HasSuffix(p.File.Path, ".py") && settings.Load(p.Project).DevOnly(p.File.Path) {
			h.confidence = report.LowConfidence
			h.note += devKeyNote
		}
	})
}

func expired(now time.Time) func(*hit) {
	return func(h *hit) {
		if h.expires == 0 || !now.After(time.Unix(h.expires, 0)) {
			return
		}
		h.severity = report.Low
		h.claim = "it expired on " + time.Unix(h.expires, 0).UTC().Format("2006-01-02") + ", so it no longer authenticates anyone"
		h.note += "; check that the key that signed it is not the one the service still uses"
	}
}
