package code

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// CredentialComparedWithLiteral finds passwords, tokens and keys checked
// against a value written in the source.
var CredentialComparedWithLiteral = &analysis.Rule{
	ID:         "DJC222",
	Name:       "credential-compared-with-literal",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{798, 259},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A password, token or key is compared with a literal",
		What: "Reports comparisons (==, !=, hmac.compare_digest, constant_time_compare) of a value named as a " +
			"credential (password, passphrase, secret, token, API key, access key) with a non-empty string " +
			"literal, outside tests. Comparisons with the empty string, with settings, with words that stand for " +
			"no credential (none, null, bearer, anon, anonymous, ask, redacted, $encrypted$; also with blanks around them, \"\\tNone\") or for a mode or state (preview, draft, expired, revoked) and with names that only describe a credential " +
			"(token_type, password_field, api_key_header) or say what to do with one (update_password, reset_token, require_password) are not reported, nor is " +
			"a user's password attribute (user.password, the hash Django stores) compared with a marker the project sets, " +
			"nor a field compared with its own name (request.POST.get(\"refresh_token\") == \"refresh_token\", the submit button that was pressed), " +
			"nor a parser's token compared with its keywords (token == \"AND\", token == \"options\": upper-case words without digits, or one lower-case word), " +
			"nor a name its module compares with three or more different plain words (str_token == \"day\" or str_token == \"month\" or ...: a text checked against a word list), " +
			"nor anything in a template tag's compile function (def do_tag(parser, token)), whose words are the tag's syntax (for_token != \"for\").",
		Why: "A credential written in the code is the same on every installation, is read by everyone who can read " +
			"the repository or the package, and cannot be rotated without a release; == also leaks it through " +
			"timing.",
		Bad:  "if request.headers.get(\"X-Api-Key\") == \"s3cr3t-admin-key\":\n    ...",
		Good: "if hmac.compare_digest(request.headers.get(\"X-Api-Key\", \"\"), settings.ADMIN_API_KEY):\n    ...",
		Fix: "Keep the secret out of the code (an environment variable read by the settings, a secrets manager), " +
			"store passwords hashed (check_password), and compare secrets with hmac.compare_digest.",
		References: []string{"https://cwe.mitre.org/data/definitions/798.html",
			"https://docs.djangoproject.com/en/stable/topics/auth/passwords/"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			if isSettings(m) || !mayCompareCredential(m.Content()) {
				continue
			}
			var vocab map[string]bool
			words := func() map[string]bool {
				if vocab == nil {
					vocab = vocabularies(m)
				}
				return vocab
			}
			python.Inspect(m.Tree(), func(n python.Node) bool {
				switch x := n.(type) {
				case *python.FunctionDef:
					return !tagCompiler(x)
				case *python.Compare:
					if len(x.Ops) != 1 || (x.Ops[0] != python.Eq && x.Ops[0] != python.NotEq) {
						return true
					}
					checkCredentialPair(pass, m, x, x.Left, x.Comparators[0], words)
				case *python.Call:
					switch lastName(m.QualName(x.Func)) {
					case "compare_digest", "constant_time_compare":
						if len(x.Args) == 2 {
							checkCredentialPair(pass, m, x, x.Args[0], x.Args[1], words)
						}
					}
				}
				return true
			})
		}
	},
}

var (
	credentialNameRE = lazyre.New(`(?i)^(password|passwd|pwd|passphrase|secret|token|api_?key|apikey|access_?key|auth_?key|x-api-key|secret_?key|auth_?token|access_?token|api_?token|admin_?password|master_?password|shared_?secret|client_?secret|bearer)$|_(password|passwd|secret|token|api_?key)$`)
	describesRE      = lazyre.New(`(?i)type|name|field|label|url|len|prefix|header|kind|format|method|mode|status|expir|count|_id$|^id_|scope|policy|version|hint|endpoint|param`)
	notSecretRE      = lazyre.New(`(?i)^(none|null|nil|undefined|true|false|yes|no|\*+|bearer|basic|token|password|secret|on|off|default|unknown|empty|n/a|-|anon|anonymous|ask|prompt|redacted|masked|hidden|\$encrypted\$|` +
		// a mode or a state a value may stand for instead of a credential
		// (?rt=preview): what it is compared with selects a view, it
		// opens nothing
		`preview|draft|expired|invalid|revoked|pending|sandbox|published|unpublished|readonly|read-only)$`)
	// dottedNameRE matches a dotted lower-case name (block.super,
	// csrf.token, user.password): a template variable or a path in code
	// that a lexer's token or a field is compared with, not a secret.
	dottedNameRE = lazyre.New(`^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$`)
)

// mayCompareCredential is a line-wise prefilter: a comparison and a
// tagCompiler reports the compile function of a template tag, def
// do_tag(parser, token): its token is the tag's source text, and the
// literals it compares the words with (tag_token != "usercancreate",
// for_token != "for") are the tag's syntax, no credential.
func tagCompiler(fn *python.FunctionDef) bool {
	a := fn.Args.Args
	return len(a) == 2 && a[0].Arg == "parser" && a[1].Arg == "token"
}

// credential word on the same line, so that most modules are not walked.
func mayCompareCredential(src []byte) bool {
	for _, op := range [][]byte{[]byte("=="), []byte("!="), []byte("compare_digest"), []byte("constant_time_compare")} {
		rest := src
		for {
			i := bytes.Index(rest, op)
			if i < 0 {
				break
			}
			from := bytes.LastIndexByte(rest[:i], '\n') + 1
			to := len(rest)
			if j := bytes.IndexByte(rest[i:], '\n'); j >= 0 {
				to = i + j
			}
			if mentionsCredential(rest[from:to]) {
				return true
			}
			rest = rest[to:]
		}
	}
	return false
}

// credentialName names the credential an expression holds, or "".
func credentialName(e python.Expr) string {
	var name string
	switch x := e.(type) {
	case *python.Name:
		name = x.ID
	case *python.Attribute:
		if strings.Contains(access.Dotted(x), "settings.") {
			return ""
		}
		if x.Attr == "password" && storedUser(x.Value) {
			return ""
		}
		name = x.Attr
	case *python.Subscript:
		name, _ = constStr(x.Slice)
	case *python.Call:
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get" && len(x.Args) > 0 {
			name, _ = constStr(x.Args[0])
		}
	}
	name = strings.TrimPrefix(name, "HTTP_")
	if name == "" || describesRE().MatchString(name) || actionRE().MatchString(name) || !credentialNameRE().MatchString(name) {
		return ""
	}
	return name
}

// storedUser reports an expression that names a user (user,
// request.user, order.customer.user): its password attribute is the hash
// Django stores, which code compares with a marker it sets itself
// (user.password == "//IMPLICIT//" for an account made at checkout), not
// with a password someone types.
func storedUser(e python.Expr) bool {
	d := access.Dotted(e)
	last := strings.ToLower(d[strings.LastIndexByte(d, '.')+1:])
	return last == "user" || strings.HasSuffix(last, "_user")
}

// keywordRE matches a keyword of a language or a lexer's token kind: one
// upper-case word, or words joined by underscores, with no digit.
var keywordRE = lazyre.New(`^[A-Z]+(_[A-Z]+)*$`)

// lowerWordRE matches one lower-case word, as a grammar's keywords are
// written (docopt's "options"); a token an API issues is no plain word.
var lowerWordRE = lazyre.New(`^[a-z]+$`)

// actionRE matches names of what to do with a credential rather than the
// credential: update_password (Ansible's "always" or "on_create"),
// reset_token, require_password.
var actionRE = lazyre.New(`(?i)^(update|change|reset|require|use|allow|enable|disable|store|remember|show|hide|set|rotate|generate|validate|verify)_`)

// vocabularyWords is how many different plain words one name is compared
// with before the comparisons are taken for a word list rather than a
// secret: a credential is checked against one value.
const vocabularyWords = 3

// vocabularies returns the credential-like names that the module compares
// with vocabularyWords or more different plain lower-case words
// (str_token == "day" or str_token == "month" or str_token == "news"): a
// text's words checked against a word list, which a name ending in _token
// no more makes a credential than a lexer's token.
func vocabularies(m *taint.Module) map[string]bool {
	seen := map[string]map[string]bool{}
	python.Inspect(m.Tree(), func(n python.Node) bool {
		c, ok := n.(*python.Compare)
		if !ok || len(c.Ops) != 1 || (c.Ops[0] != python.Eq && c.Ops[0] != python.NotEq) {
			return true
		}
		for _, e := range [][2]python.Expr{{c.Left, c.Comparators[0]}, {c.Comparators[0], c.Left}} {
			name := credentialName(e[0])
			s, ok := constStr(e[1])
			if name == "" || !ok || !lowerWordRE().MatchString(s) {
				continue
			}
			if seen[name] == nil {
				seen[name] = map[string]bool{}
			}
			seen[name][s] = true
		}
		return true
	})
	out := map[string]bool{}
	for name, words := range seen {
		if len(words) >= vocabularyWords {
			out[name] = true
		}
	}
	return out
}

func checkCredentialPair(pass *analysis.Pass, m *taint.Module, at python.Node, a, b python.Expr, vocabulary func() map[string]bool) {
	name, lit := credentialName(a), b
	if name == "" {
		name, lit = credentialName(b), a
	}
	if name == "" {
		return
	}
	s, ok := constStr(lit)
	// "\tNone", " null": a marker with a stray blank, as a bug once
	// stored it, stands for no credential too
	word := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if !ok || len(word) < 3 || notSecretRE().MatchString(word) || dottedNameRE().MatchString(s) {
		return
	}
	if strings.EqualFold(s, name) {
		// request.POST.get("refresh_token") == "refresh_token": a
		// submit button that sends its own name, which says which
		// button was pressed
		return
	}
	if (name == "token" || name == "tok") && (keywordRE().MatchString(s) || lowerWordRE().MatchString(s)) {
		// a parser's token compared with its keywords: AND, OR, NOT_IN,
		// options, def
		return
	}
	if lowerWordRE().MatchString(s) && vocabulary()[name] {
		return
	}
	pass.Reportf(m.Location(at), "%s is compared with a %d-character literal: the credential is written in the source, the same on every installation and readable by anyone with the code",
		name, len(s))
}

// credentialWords are the words without which a module holds no comparison
// of a credential; they are looked for before the module's tree is walked.
var credentialWords = []string{"passw", "passphrase", "secret", "token", "api_key", "apikey",
	"access_key", "accesskey", "auth_key", "authkey", "x-api-key"}

// mentionsCredential reports whether src holds one of credentialWords, in
// any case. It is a byte loop rather than a case-insensitive regexp, which
// cost a sixth of a whole scan on large projects.
func mentionsCredential(src []byte) bool {
	for i := 0; i < len(src); i++ {
		switch src[i] | 0x20 {
		case 'p', 's', 't', 'a', 'x':
			for _, w := range credentialWords {
				if w[0] == src[i]|0x20 && hasPrefixFold(src[i:], w) {
					return true
				}
			}
		}
	}
	return false
}

// hasPrefixFold reports whether b starts with the lower-case ASCII word w,
// in any case.
func hasPrefixFold(b []byte, w string) bool {
	if len(b) < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := b[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[j] {
			return false
		}
	}
	return true
}
