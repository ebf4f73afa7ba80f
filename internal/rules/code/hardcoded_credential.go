package code

import (
	"strings"
	"unicode/utf8"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// HardcodedCredential finds passwords and keys written into code.
var HardcodedCredential = &analysis.Rule{
	ID:         "DJC209",
	Name:       "hardcoded-credential",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{798},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	// The secrets scanner's generic detector finds the same literal; this
	// finding names the variable or argument that receives it.
	Supersedes: []string{"DJK107"},
	Doc: analysis.Doc{
		Title: "A password, secret or API key is written in the code",
		What: "Reports string literals assigned to names, attributes or keyword arguments that end in password, " +
			"passwd, secret, secret_key, api_key, an auth/access/API/refresh token, access_key or private_key, in application code (settings " +
			"modules are left to the settings and secrets rules, tests to their fixtures, a Sphinx conf.py to the documentation build that alone runs it, and management commands that fill a database for " +
			"development, tests or demos, by their name (dev_db, seed_demo) or their help, are low: their values are the throw-away databases' they make). Empty strings, " +
			"placeholders (changeme, SET-ME-PLEASE, CHANGE_ME_TO_A_RANDOM_STRING, PLEASE_OVERRIDE_THIS_IN_DJANGO_SETTINGS, xxx, a mask of bullets: ••••••••, a Concourse credential reference: ((git-private-key)), a variable a later substitution fills: $OSPARC_API_KEY), URLs and paths, URNs (urn:mace:dir:attribute-def:userPassword), format strings, and values that name a field (\"password\") or the setting the " +
			"credential is kept in (SESSION_AUTH_TOKEN = \"TWILIO_AUTH_TOKEN\"), a label that ends with the whole name after a +, . or : (API_KEY = \"READ+API_KEY\", a permission), or another name in capitals and underscores with no digit, an entry of a secrets manager (USERS_SECRET_KEY = \"USERS_TO_PREREGISTER\"), and a class's import path with no digit (\"reset_password\": \"users.forms.PasswordResetForm\", the form an authentication library takes) are not reported.",
		Why: "Credentials in code end up in every clone, backup, CI log and container image, and cannot be " +
			"rotated without a release.",
		Bad:  "client = PaymentClient(api_key=\"sk_live_51HxQ2kLmN8pQrStUv\")",
		Good: "client = PaymentClient(api_key=os.environ[\"PAYMENT_API_KEY\"])",
		Fix:  "Read credentials from the environment or a secrets manager at start-up; rotate the leaked value.",
		References: []string{"https://cwe.mitre.org/data/definitions/798.html",
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			if isSettings(m) || testConfiguration(m) {
				continue
			}
			emit := pass.Report
			if devDataCommand(m) {
				// reported low rather than left alone, so that the
				// secrets rules' generic finding on the line gives way
				emit = func(d analysis.Diagnostic) {
					d.Severity = report.Low
					d.Message += "; the management command fills a database for development, tests or demos, whose accounts it gives the value"
					pass.Report(d)
				}
			}
			ix := m.Index()
			for _, x := range ix.Assigns {
				for _, t := range x.Targets {
					name := ""
					switch tt := t.(type) {
					case *python.Name:
						name = tt.ID
					case *python.Attribute:
						name = tt.Attr
					}
					checkCredential(emit, m, name, x.Value)
				}
			}
			for _, x := range ix.Keywords {
				checkCredential(emit, m, x.Arg, x.Value)
			}
			for _, x := range ix.Dicts {
				for i, k := range x.Keys {
					if s, ok := constStr(k); ok {
						checkCredential(emit, m, s, x.Values[i])
					}
				}
			}
		}
	},
}

var (
	credName = lazyre.New(`(?i)(password|passwd|pwd|secret|secret_key|api_?key|apikey|(auth|access|api|refresh|bot|bearer|secret|private)_?token|access_?key|private_?key|client_secret)$`)
	// ((git-private-key)): a Concourse pipeline's credential reference,
	// filled from its credential manager when the pipeline runs; $NAME
	// and ${NAME}: a variable that a later substitution fills
	placeholder = lazyre.New(`(?i)^(x+|\*+|[•●·]+|changeme|change[-_ ]?me|set[-_ ]?me([-_ ]?please)?|your[-_ ].*|<.*>|\$\{.*\}|\$[A-Za-z_][A-Za-z0-9_]*|\(\([^()]*\)\)|todo|none|null|dummy|example|test|placeholder|redacted)$`)
	identLike   = lazyre.New(`^[a-z_][a-z0-9_.-]*$`)
	classPath   = lazyre.New(`^([a-z_][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_]*$`)
	// a placeholder spelled out in words: CHANGE_ME_TO_A_RANDOM_STRING,
	// PLEASE_OVERRIDE_THIS_IN_DJANGO_SETTINGS, replace-this-key
	placeholderWords = lazyre.New(`(?i)^[a-z_ -]*(change[-_ ]?(me|this)|override|replace[-_ ]?(me|this)|fill[-_ ]?(me|in)|set[-_ ]?(me|this)|insert[-_ ]?(here|your))[a-z_ -]*$`)
)

func checkCredential(emit func(analysis.Diagnostic), m *taint.Module, name string, v python.Expr) {
	s, ok := constStr(v)
	if !ok || name == "" || len(s) < 6 || !isCredName(name) {
		return
	}
	if strings.ContainsAny(s, " {}%/\\") || placeholder().MatchString(s) || placeholderWords().MatchString(s) || sequential(s) || strings.HasPrefix(s, "urn:") {
		// urn:mace:dir:attribute-def:userPassword, a SAML attribute's
		// name in a pysaml2 attribute map: an identifier, no secret
		return
	}
	if identLike().MatchString(s) && !strings.ContainsAny(s, "0123456789") || namesSetting(name, s) || upperSnake().MatchString(s) && !strings.ContainsAny(s, "0123456789") ||
		classPath().MatchString(s) && !strings.ContainsAny(s, "0123456789") {
		// "password", "auth.token", "TWILIO_AUTH_TOKEN": a field or
		// setting name; "SUPERUSERS_TO_PREREGISTER": the name of an
		// entry of a secrets manager that holds the value;
		// "users.forms.PasswordResetForm": the class an
		// authentication library takes for its reset_password form
		return
	}
	if len(s) < 16 && !strings.ContainsAny(s, "0123456789!@#$^&*+=?") {
		return // a short word ("Bearer", "Basic"), not a secret
	}
	emit(analysis.Diagnostic{Location: m.Location(v), Message: name + " is set to a literal credential in the code"})
}

var upperSnake = lazyre.New(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`)

// namesSetting reports a value that names the setting or variable the
// credential is kept in (SESSION_AUTH_TOKEN = "TWILIO_AUTH_TOKEN", the
// key of a session or config dict): upper-case words joined by "_",
// ending in the same word as the name it is assigned to.
// So does a value of such words joined by "+", "." or ":" that ends with
// the whole name: API_KEY = "READ+API_KEY", a permission's label.
func namesSetting(name, s string) bool {
	if upperWords().MatchString(s) && len(s) > len(name) && strings.HasSuffix(s, name) && strings.ContainsRune("+.:", rune(s[len(s)-len(name)-1])) {
		return true
	}
	if !upperSnake().MatchString(s) {
		return false
	}
	return strings.HasSuffix(s, "_"+finalWord(name))
}

var upperWords = lazyre.New(`^[A-Z][A-Z0-9_]*([+.:][A-Z][A-Z0-9_]*)+$`)

// finalWord returns the last word of a snake_case or camelCase name, in
// upper case: SESSION_AUTH_TOKEN and preventEmailPassword end in TOKEN
// and PASSWORD.
func finalWord(name string) string {
	i := len(name) - 1
	for i > 0 && name[i] != '_' && !(name[i] >= 'A' && name[i] <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z') {
		i--
	}
	if i >= 0 && i < len(name) && name[i] == '_' {
		i++
	}
	return strings.ToUpper(name[max(i, 0):])
}

// credSuffixes are the endings credName matches, spelled out: matching
// them directly spares the regular expression a try at every byte of
// every name assigned a string in the project.
var credSuffixes = []string{"password", "passwd", "pwd", "secret", "secret_key", "api_key", "apikey",
	"auth_token", "authtoken", "access_token", "accesstoken", "api_token", "apitoken",
	"refresh_token", "refreshtoken", "bot_token", "bottoken", "bearer_token", "bearertoken",
	"secret_token", "secrettoken", "private_token", "privatetoken",
	"access_key", "accesskey", "private_key", "privatekey", "client_secret"}

// isCredName reports whether name matches credName. A name with
// bytes beyond ASCII goes to the expression itself, whose case folding
// knows letters like the Kelvin sign.
func isCredName(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return credName().MatchString(name)
		}
	}
	for _, suf := range credSuffixes {
		if len(name) >= len(suf) && strings.EqualFold(name[len(name)-len(suf):], suf) {
			return true
		}
	}
	return false
}

// testConfiguration reports whether a module configures test, CI or example
// runs by its file name (configuration_testing.py, ci_config.py,
// example_config.py): its keys are for throw-away databases.
func testConfiguration(m *taint.Module) bool {
	p := m.File.Path
	for _, w := range words(p[strings.LastIndexByte(p, '/')+1:]) {
		switch w {
		case "test", "tests", "testing", "ci", "example", "sample", "dummy":
			return true
		}
	}
	return false
}

// devDataCommand reports a management command that fills a database for
// development, tests or demos, by its name (dev_db, seed_demo,
// populate_fake_data) or its help ("Creates a simple database for local
// development"): the passwords it gives the accounts it makes are a
// throw-away database's.
func devDataCommand(m *taint.Module) bool {
	p := m.File.Path
	if !strings.Contains(p, "/management/commands/") {
		return false
	}
	for _, w := range words(p[strings.LastIndexByte(p, '/')+1:]) {
		switch w {
		case "dev", "devel", "development", "demo", "seed", "fake", "populate", "fixtures":
			return true
		}
	}
	for _, a := range m.Index().Assigns {
		if len(a.Targets) != 1 {
			continue
		}
		if n, ok := a.Targets[0].(*python.Name); ok && n.ID == "help" {
			if s, ok := constStr(a.Value); ok && devDataHelp().MatchString(s) {
				return true
			}
		}
	}
	return false
}

// devDataHelp matches a command's help that says it makes data for
// development, tests or demos.
var devDataHelp = lazyre.New(`(?i)\b(?:for (?:local )?(?:development|dev|testing|tests|demos?)|(?:test|demo|sample|fake|development) (?:data(?:base)?|db)|database (?:suitable )?for [\w ]{0,20}testing)\b`)

// sequential reports whether a value is mostly runs of consecutive
// characters ("abcdefghijklmnopqrstuvwxyz0123456789"): typed, not generated.
func sequential(s string) bool {
	run := 0
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 {
			run++
		}
	}
	return run*4 >= len(s)*3
}
