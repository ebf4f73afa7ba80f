package secrets

import (
	"bytes"
	"cmp"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// varRef matches a value that is a reference to a variable or a command:
// $VAR, ${VAR}, $(command args), %VAR%. A generated key that happens to
// start with "$(" is not one: a command name follows "$(".
var varRef = lazyre.New(`^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\([a-z][a-z0-9_.-]*(?:\s.*)?|%[A-Za-z_][A-Za-z0-9_]*%)$`)

// entropy returns the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// placeholderSyntax marks values written to be replaced: `${VAR}`,
// `{{ var }}`, `<%= x %>`, `xxxx`, `****`, an ellipsis.
var placeholderSyntax = []string{"${", "{{", "}}", "<%", "{%", "#{", "…", "xxxx", "****", "...."}

// placeholderWords are words of stand-in values: `changeme`,
// `<your-key>`, `example`, `redacted`.
var placeholderWords = []string{
	"changeme", "change_me", "change-me", "changethis", "change_this", "change-this",
	"replaceme", "replace_me", "replace-me", "replace_with", "replace-with",
	"example", "placeholder", "your_", "your-", "yourkey", "yoursecret", "yourtoken", "yourpass",
	"redacted", "dummy", "sample", "insert_", "insert-", "notreal", "not_real", "not-real", "not-a-", "not_a_",
	"foobar", "fake", "todo", "fixme",
	// a value that says it is no valid key: directory_invalid-03185ee5-...
	"_invalid", "-invalid", "invalid_", "invalid-",
	// values that say what they are not: ThisIsNotAPrivateSigningKey
	"thisisnot", "isnota", "notasecret", "notsecret", "notprivate",
	// words of a sentence asking for the value: "REPLACE ME", "please
	// replace this text"
	"replace me", "replace this", "change me", "change this", "your own",
	// Open edX's SET-ME-PLEASE, and "set-it"
	"set-me-please", "set_me_please", "set me please", "setmeplease", "set-it", "set_it",
	// the hex word programmers write for a made-up value (a UUID
	// deadbeef-dead-beef-dead-beefdeadbeef)
	"deadbeef",
}

// weakMarks are placeholder words that a provider-format key can contain by
// chance but that make a generic value a stand-in.
var weakMarks = []string{
	"test", "secret", "password", "passwd", "token", "dev", "local", "demo", "default", "mock",
	"none", "null", "undefined", "string", "value", "insecure", "unsafe", "$(", "%(",
}

// randomEntropy is the entropy above which a value is taken to be random
// output: 32 random letters and digits have about 4.7 bits per character,
// a made-up "my-dev-secret-key-2024" about 3.7.
const randomEntropy = 4.2

// looksRandom reports values that a generator made: high entropy, or
// letters and digits whose case and kind change every few characters
// ("2vo82vFCHpa9DeVl"), unlike words ("mydevpassword123"). In such values a
// short word ("dev", "fake") is chance, not a sign of a stand-in.
func looksRandom(s string) bool {
	if entropy(s) >= randomEntropy {
		return true
	}
	if len(s) < 12 {
		return false
	}
	kind := func(c byte) int {
		switch {
		case 'a' <= c && c <= 'z':
			return 1
		case 'A' <= c && c <= 'Z':
			return 2
		case '0' <= c && c <= '9':
			return 3
		}
		return 0
	}
	changes := 0
	for i := 1; i < len(s); i++ {
		a, b := kind(s[i-1]), kind(s[i])
		if a != 0 && b != 0 && a != b {
			changes++
		}
	}
	return changes*4 >= len(s)
}

// Placeholder reports whether a value found where a secret belongs is a
// stand-in for one (changeme, REPLACE ME, <your-key>, ${TOKEN}), for the
// rules that find secrets by the setting's name.
// A weak password ("123456") is still the password the site runs with.
func Placeholder(s string) bool { return writtenAsStandIn(s) }

// writtenAsStandIn reports whether s is written as a stand-in: template syntax,
// a placeholder word, or a value in brackets.
func writtenAsStandIn(s string) bool {
	if publishedTestKeys[s] {
		return true
	}
	l := strings.ToLower(s)
	for _, m := range placeholderSyntax {
		if strings.Contains(l, m) {
			return true
		}
	}
	random := looksRandom(s)
	for _, m := range placeholderWords {
		if (!random || len(m) >= 6) && strings.Contains(l, m) {
			return true
		}
	}
	if xKey().MatchString(s) {
		return true // sk_live_xxx: a vendor's key prefix, x's for the key
	}
	if len(l) >= 3 && strings.Trim(l, "x") == "" {
		return true // XXX: where the key goes
	}
	if keyboardMash(l) {
		return true // asdfghjkl: fingers run along a row
	}
	return strings.HasPrefix(l, "<") && strings.HasSuffix(l, ">") ||
		strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") ||
		strings.HasPrefix(l, "{") && strings.HasSuffix(l, "}") ||
		strings.HasPrefix(l, "%") && strings.HasSuffix(l, "%") ||
		strings.HasPrefix(l, "((") && strings.HasSuffix(l, "))") || // a Concourse credential reference
		strings.HasPrefix(l, "__") && strings.HasSuffix(l, "__")
}

// publishedTestKeys are the keys captcha vendors publish for automated
// tests: every check passes with them and no production site accepts
// them, so any project may commit them (Google reCAPTCHA v2's test pair,
// hCaptcha's test secret, Cloudflare Turnstile's dummy secret keys).
var publishedTestKeys = map[string]bool{
	"6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI":   true,
	"6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe":   true,
	"0x0000000000000000000000000000000000000000": true,
	"1x0000000000000000000000000000000AA":        true,
	"2x0000000000000000000000000000000AA":        true,
	"3x0000000000000000000000000000000AA":        true,
}

// keyboardRows are the letter rows of a QWERTY keyboard.
var keyboardRows = [...]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// keyboardMash reports letters typed by running the fingers along one row
// of the keyboard (shjbalkfbdskjlbdskl): all of at least nine letters from
// one row, or 85% of at least twelve. A random string of letters draws a
// row's letters a third of the time, so such a run is no chance.
func keyboardMash(l string) bool {
	if len(l) < 9 {
		return false
	}
	var in [3]int
	for i := 0; i < len(l); i++ {
		c := l[i]
		if c < 'a' || c > 'z' {
			return false
		}
		for r, row := range keyboardRows {
			if strings.IndexByte(row, c) >= 0 {
				in[r]++
			}
		}
	}
	most, n := max(in[0], in[1], in[2]), len(l)
	return most == n || n >= 12 && most*100 >= 85*n || n >= 16 && most*100 >= 80*n
}

// xKey matches a vendor's key prefix followed by x's where the key goes,
// or by a few digits, too few for a key (Stripe's are 24 characters and
// more, Razorpay's 14): sk_live_xxx, pk_test_XXX, sk_test_12345.
var xKey = lazyre.New(`(?i)^[a-z]{2,4}_(live|test)_(x{3,}|[0-9]{1,8})$`)

// VendorPlaceholder reports a stand-in for a key a vendor issues, written
// as its prefix and x's (sk_live_xxx) or a few digits (sk_test_12345):
// no service accepts it, unlike a
// stand-in password a stack's own database would then run with
// (changeme), which the deployment rules keep reporting.
func VendorPlaceholder(s string) bool { return xKey().MatchString(strings.TrimSpace(s)) }

// isPlaceholder reports whether s is a stand-in for a secret rather than
// one. strict applies the checks for generic detectors, whose matches are
// found by the name of a variable and so are often not secrets at all.
func isPlaceholder(s string, strict bool) bool {
	if writtenAsStandIn(s) {
		return true
	}
	l := strings.ToLower(s)
	random := looksRandom(s)
	if repetitive(l) || sequential(l) {
		return true
	}
	if !strict {
		return false
	}
	if strings.HasPrefix(l, "$") || strings.HasPrefix(l, "%") {
		return true // a shell or format variable
	}
	if crowdinPlaceholder().MatchString(l) {
		return true // a string Crowdin's in-context editing stands in for
	}
	if random {
		return false
	}
	for _, m := range weakMarks {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// crowdinPlaceholder matches the stand-ins Crowdin's in-context
// localization puts where translated text goes: crwdns382216:0crwdne382216:0.
var crowdinPlaceholder = lazyre.New(`^crwdns\d+:\d+(?:\{\w+\}|%\(\w+\)[sd]|%[sd])*crwdne\d+:\d+$`)

// repetitive reports values made of one or two characters repeated
// ("aaaaaaaa", "0000-0000", "abababab").
func repetitive(s string) bool {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || c == '_' || c == '.' {
			continue
		}
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n <= 2
}

// sequential reports values holding a run of six or more consecutive
// characters ("123456", "abcdef"), which keyboards make and random
// generators almost never do.
func sequential(s string) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 && isAlnum(s[i]) && isAlnum(s[i-1]) {
			run++
			if run >= 6 {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// looksLikeCode reports whether a value found by name is an expression,
// a reference or a file path rather than a literal secret.
func looksLikeCode(s string) bool {
	l := strings.ToLower(s)
	for _, m := range []string{"os.environ", "os.getenv", "getenv", "process.env", "env(", "environ", "config(", "settings.", "secrets.", "vault:", "ssm:", "arn:aws", "file://", "://"} {
		if strings.Contains(l, m) {
			return true
		}
	}
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "~/") || strings.HasPrefix(s, "../") {
		return true
	}
	if strings.ContainsAny(s, "()[] ") {
		return true
	}
	return identifierLike(s) || relativePath(s) || memberChain(s) || formatTemplate(s)
}

// formatPlaceholder matches a placeholder of Python's %-formatting or
// str.format: %s, %d, %(name)s, {}, {0}, {name}.
var formatPlaceholder = lazyre.New(`%(\([A-Za-z_][A-Za-z0-9_]*\))?[sdirx]|\{[A-Za-z0-9_]*\}`)

// formatTemplate reports a format string that names something once filled
// in ("new_credential_%s", "reset_token:{}"): identifier words around
// placeholders, as the key of a session or cache entry is built.
func formatTemplate(s string) bool {
	rest := formatPlaceholder().ReplaceAllString(s, "")
	return rest != s && rest != "" && identifierLike(rest)
}

// memberChain reports a chain of attribute reads whose parts are each
// identifiers (window.AppConfig.csrf, self.request.session): a variable,
// in code or in a template's script, not a literal.
func memberChain(s string) bool {
	// a bare value runs to the end of the object or call around it:
	// {token: window.AppConfig.csrf}
	parts := strings.Split(strings.TrimRight(s, "})"), ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || !identifierLike(p) {
			return false
		}
	}
	return true
}

// relativePath reports a relative URL path or its pattern: words between
// slashes, with regex classes for the ids ("credentials/\d+/",
// "\w+/\d+/credentials/", "config/attach/"), as a REST client names the
// resources it calls.
func relativePath(s string) bool {
	if !strings.Contains(s, "/") {
		return false
	}
	words := 0
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		switch seg {
		case "":
		case `\d+`, `\w+`, `[^/]+`, `.+`, `\d*`:
		default:
			if !identifierLike(seg) && !(i == len(segs)-1 && i > 0 && sourceFile(seg)) {
				return false
			}
			words++
		}
	}
	return words > 0
}

// sourceFile reports the last segment of a path that names a file of
// code or markup by its extension (BaseCcSubjsToken.php in an
// autoloader's class map), whatever its name's case.
func sourceFile(seg string) bool {
	name, ext, ok := strings.Cut(seg, ".")
	if !ok || name == "" || strings.ContainsAny(name, "+=") {
		return false
	}
	switch ext {
	case "php", "py", "js", "ts", "rb", "java", "go", "html", "htm", "xml", "json", "yml", "yaml", "css", "md", "txt":
		return true
	}
	return false
}

// identifierLike reports words that name things: snake_case, kebab-case,
// dotted.paths, CamelCase, with few or no digits ("password_reset_done",
// "PasswordResetView", "auth.User").
func identifierLike(s string) bool {
	digits, upper, lower, other := 0, 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			digits++
		case 'A' <= c && c <= 'Z':
			upper++
		case 'a' <= c && c <= 'z':
			lower++
		case c == '_' || c == '-' || c == '.' || c == ':':
		default:
			other++
		}
	}
	if other > 0 || digits > 1 {
		return false
	}
	// All one case (snake_case, SCREAMING_CASE) or CamelCase words.
	if upper == 0 || lower == 0 {
		return true
	}
	return camelWords(s)
}

// camelWords reports whether s splits into capitalised words of at least
// three letters ("PasswordResetView"), with versions between them
// ("FhirV1Patient"), unlike random mixed case ("aZ3kQp").
// A part may open with an acronym of two letters or more before a word
// ("OIDCAuthPasswordBackend", "JSONField", "PatientOKCount"), as class
// names do; in a camelCase name (lower case first), two acronyms may run
// together after a word ("tokSynthFHIROKCount", a Splunk token's name).
func camelWords(s string) bool {
	word := 0
	lowerStart := s != "" && 'a' <= s[0] && s[0] <= 'z'
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z' && i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9' && (word == 0 || word >= 3):
			// a version or a part number between words: V1, S3
			for i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9' {
				i++
			}
			word = 0
		case 'A' <= c && c <= 'Z':
			if word == 0 || word >= 3 {
				// an acronym opening the name (OIDCAuth), or one of two
				// letters after a word (PatientOKCount, UserIDField): a
				// longer run there is a keyboard's (QWERasdfZXCVqwer)
				// tokSynthFHIROKCount: in a camelCase name, two acronyms
				// may run together before the next word
				if n := acronym(s[i:]); n >= 2 && (word == 0 || n == 2 || n <= 6 && lowerStart) {
					i += n - 1 // the acronym's last capital starts the next word
					word = 0
					continue
				}
			}
			if word > 0 && word < 3 {
				return false
			}
			word = 1
		case 'a' <= c && c <= 'z':
			word++
		default:
			if word > 0 && word < 3 {
				return false
			}
			word = 0
		}
	}
	return word == 0 || word >= 3
}

// acronym returns the length of the run of capitals that opens s and is
// followed by a capitalised word ("OIDC" of "OIDCAuth"), or 0.
func acronym(s string) int {
	n := 0
	for n < len(s) && 'A' <= s[n] && s[n] <= 'Z' {
		n++
	}
	if n < 3 || n == len(s) || s[n] < 'a' || s[n] > 'z' {
		return 0
	}
	return n - 1
}

// pathClass sorts files by how their secrets are treated.
type pathClass int

const (
	normalPath pathClass = iota
	// testPath holds test suites and fixtures, documentation: keys of a
	// provider's format are reported with low confidence (a real key in a
	// test is still a leak, but most are made up); generic matches are
	// skipped, as most are made up.
	testPath
	// skipPath holds generated files whose high-entropy strings are hashes
	// (lockfiles, minified bundles, source maps).
	skipPath
	// assetPath holds vendored and built front-end assets (dist/, vendor/,
	// node_modules/, and minified .js and .css however named): their
	// names and strings are a library's (an icon font's
	// .mdi-form-textbox-password), so only keys of a provider's format
	// are looked for there.
	assetPath
)

// assetDirs are folders of third-party or built front-end code.
var assetDirs = map[string]bool{
	"dist": true, "vendor": true, "vendors": true, "vendored": true, "node_modules": true,
	"bower_components": true, "third_party": true, "third-party": true, "thirdparty": true, "external": true,
}

// assetExts are front-end asset files.
var assetExts = map[string]bool{".js": true, ".mjs": true, ".cjs": true, ".css": true, ".scss": true, ".map": true}

// minified reports whether an asset's lines are far longer than code a
// person writes: a bundle or a minified file.
func minified(data []byte) bool {
	if len(data) < 4096 {
		return false
	}
	return bytes.Count(data, []byte{'\n'}) < len(data)/400
}

// standIn reports a file named for stand-in data or code: dummy.ts,
// mock_api.py, fake-server.js, stubs.py, webhook_dummy_v2.txt (an example
// payload a page shows), whose tokens serve a development server, the
// tests or the documentation. The word may stand anywhere in the name.
func standIn(stem string) bool {
	return project.HasNameWord(stem, "dummy", "mock", "mocks", "fake", "fakes", "stub", "stubs")
}

// dotenvForTests reports an environment file named for tests: .env.test,
// .env.testing, test.env.
func dotenvForTests(name string) bool {
	return project.DotenvName(name) && project.HasNameWord(name, "test", "testing")
}

var testDirs = map[string]bool{
	"test": true, "tests": true, "testdata": true, "testing": true, "fixtures": true, "fixture": true,
	"__tests__": true, "spec": true, "specs": true, "mocks": true, "__mocks__": true, "cassettes": true,
	"e2e":  true, // end-to-end tests: frontend/e2e/config.ts holds the test users' passwords
	"docs": true, "doc": true, "documentation": true,
	// code that shows how to call an API (apps/accounts/demos/python/demo.py)
	"demo": true, "demos": true, "example": true, "examples": true, "sample": true, "samples": true,
}

var skipNames = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
	"poetry.lock": true, "pipfile.lock": true, "uv.lock": true, "pdm.lock": true, "go.sum": true,
	"cargo.lock": true, "composer.lock": true, "gemfile.lock": true, "packages.lock.json": true,
}

// testStem reports a file named for tests, whatever its kind:
// test-realm.json (an identity provider's realm for the test suite),
// settings_test.yaml, test_users.csv.
func testStem(stem string) bool {
	return strings.HasPrefix(stem, "test-") || strings.HasPrefix(stem, "test_") ||
		strings.HasSuffix(stem, "-test") || strings.HasSuffix(stem, "_test")
}

// templateExts mark a file that renders another: README.md.j2 is
// documentation, as README.md is.
var templateExts = map[string]bool{".j2": true, ".jinja": true, ".jinja2": true, ".tmpl": true, ".tpl": true, ".in": true, ".template": true}

func classify(rel string) pathClass {
	name := strings.ToLower(path.Base(rel))
	ext := path.Ext(name)
	if inner := path.Ext(strings.TrimSuffix(name, ext)); templateExts[ext] && (inner == ".md" || inner == ".rst" || inner == ".adoc") {
		ext = inner
	}
	switch {
	case skipNames[name],
		strings.HasSuffix(name, ".min.js"), strings.HasSuffix(name, ".min.css"),
		ext == ".map", ext == ".svg", ext == ".sum":
		return skipPath
	case ext == ".css", ext == ".scss", ext == ".sass", ext == ".less":
		// a stylesheet, wherever it is: input[type=password]:focus is a
		// selector, not an assignment
		return assetPath
	case ext == ".md", ext == ".rst", ext == ".adoc", name == "pkg-info",
		// a test runner's configuration (pytest.ini's env block) and an
		// environment file for tests (.env.testing, .env.test)
		name == "pytest.ini", name == "tox.ini", dotenvForTests(name),
		ext == ".po", ext == ".pot", // gettext catalogs: translated prose
		name == "metadata" && strings.Contains(rel, ".dist-info/"),
		strings.HasPrefix(name, "test_") && ext == ".py", strings.HasSuffix(name, "_test.py"),
		strings.HasSuffix(name, "_test.go"), name == "conftest.py", name == "tests.py", name == "fixtures.py",
		strings.Contains(name, ".test."), strings.Contains(name, ".spec."),
		testStem(strings.TrimSuffix(name, ext)),
		name == "djangojs.js", // Django's JavaScript translation catalog
		standIn(strings.TrimSuffix(name, ext)):
		return testPath
	}
	asset := assetExts[ext]
	dir := path.Dir(rel)
	for dir != "." && dir != "/" && dir != "" {
		base := strings.ToLower(path.Base(dir))

		if asset && assetDirs[base] {
			return assetPath
		}
		if testDirs[base] {
			return testPath
		}
		dir = path.Dir(dir)
	}
	return normalPath
}

// apiSpecKey matches the first key of an OpenAPI or Swagger document,
// in YAML or JSON: openapi: 3.1.0, "swagger": "2.0".
var apiSpecKey = lazyre.New(`(?m)^\s*["']?(openapi|swagger)["']?\s*:\s*["']?[0-9]`)

// apiSpec reports whether a JSON or YAML file is an OpenAPI or Swagger
// document, by a version key near its start, or a Postman collection, by
// its schema. Its tokens and passwords are the examples of an API's
// documentation (often a library's, copied with its schema; a
// collection's request bodies), so it is treated as documentation: a key
// of a provider's format is still reported. A Postman environment, whose
// variables hold the values a team runs the requests with, is not one.
func apiSpec(rel string, data []byte) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".json", ".yaml", ".yml":
	default:
		return false
	}
	head := data[:min(len(data), 2048)]
	return apiSpecKey().Match(head) || bytes.Contains(head, []byte("schema.getpostman.com/json/collection/"))
}

// codeExts are program sources, where an unquoted value after `=` is an
// expression, not a secret.
var codeExts = map[string]bool{
	".py": true, ".pyi": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".jsx": true,
	".tsx": true, ".go": true, ".rb": true, ".php": true, ".java": true, ".kt": true, ".cs": true,
	".rs": true, ".swift": true, ".scala": true, ".html": true, ".htm": true, ".vue": true, ".ipynb": true,
	".svelte": true, ".astro": true, ".mts": true, ".cts": true,
}

func isCode(rel string) bool { return codeExts[strings.ToLower(path.Ext(rel))] }

// documentationValues are secrets published in specifications and vendor
// documentation, copied into code comments and docstrings everywhere.
var documentationValues = map[string]bool{
	"AKIAIOSFODNN7EXAMPLE":                     true, // AWS
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY": true, // AWS
	"2YotnFZFEjr1zCsicMWpAA":                   true, // RFC 6749
	"tGzv3JOkF0XG5Qx2TlKWIA":                   true, // RFC 6749
	"SplxlOBeZQQYbYS6WxSbIA":                   true, // RFC 6749
	"s6BhdRkqt3":                               true, // RFC 6749
	"7Fjfp0ZBr1KtDRbnfVdmIw":                   true, // RFC 6749
	"ad180jjd733klru7":                         true, // RFC 5849
	"0685bd9184jfhq22":                         true, // RFC 5849
	"dh893hdasih9":                             true, // RFC 5849
	"kd94hf93k423kf44":                         true, // RFC 5849
	"pfkkdhi9sl3r4s00":                         true, // RFC 5849
	"nnch734d00sl2jdk":                         true, // RFC 5849
	"hh5s93j4hdidpola":                         true, // RFC 5849
	// The account key of Azurite, Microsoft's local storage emulator: the
	// same in every installation, documented, and no account's.
	"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==": true,
	// Stripe's API reference and quickstarts use these test-mode keys.
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc": true,
	"sk_test_BQokikJOvBiI2HlWgH4olfQ2": true,
	"sk_test_26PHem9AhJZvU623DfE1x4sd": true,
	// jwt.io's example token and its HS256 secret.
	"your-256-bit-secret": true,
	// Google's reCAPTCHA test keys, which pass every check and protect
	// nothing, published for automated tests.
	"6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI": true,
	"6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe": true,
}

// restatesKey reports a value that only repeats the words of the name it
// is assigned to, as sample files write a value to replace
// (JWT_PRIVATE_KEY=private-key, api_token: "api-token"): letters and
// digits alone, at least two words' worth, and the end of the name.
func restatesKey(key, value string) bool {
	norm := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	k, v := norm(key), norm(value)
	return len(v) >= 6 && len(v) <= len(k) && strings.HasSuffix(k, v) && len(v)*2 >= len(value)
}

// Published reports a credential published in a specification or a
// vendor's documentation for tests and examples (the RFCs' sample
// tokens, Stripe's and reCAPTCHA's test keys): it opens nothing.
func Published(s string) bool { return documentationValues[s] }

// shellScript reports a shell script, by its name or its #! line.
func shellScript(rel string, data []byte) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".sh", ".bash":
		return true
	}
	first, _, _ := bytes.Cut(data[:min(len(data), 128)], []byte("\n"))
	return bytes.HasPrefix(first, []byte("#!")) && (bytes.HasSuffix(first, []byte("sh")) || bytes.Contains(first, []byte("/bash")) || bytes.Contains(first, []byte("/sh ")))
}

// noopHeredoc matches the start of a here-document fed to the shell's
// no-op command, the way scripts write a block comment: : << 'EOF'.
var noopHeredoc = lazyre.New(`^\s*:\s*<<(-?)\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*$`)

// outsideNoopHeredocs drops the hits inside a here-document given to
// the no-op command: it is a comment, whose examples are documentation
// ("example (do not use these values in production)").
func outsideNoopHeredocs(hits []hit, data []byte) []hit {
	var ranges [][2]int // first and last line of each block's body
	lines := bytes.Split(data, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		m := noopHeredoc().FindSubmatch(lines[i])
		if m == nil {
			continue
		}
		tabs, tag := len(m[1]) > 0, string(m[2])
		for j := i + 1; j < len(lines); j++ {
			end := string(bytes.TrimRight(lines[j], "\r"))
			if tabs {
				end = strings.TrimLeft(end, "\t")
			}
			if end == tag {
				ranges = append(ranges, [2]int{i + 2, j}) // 1-based lines i+2 .. j
				i = j
				break
			}
		}
	}
	if len(ranges) == 0 {
		return hits
	}
	out := hits[:0]
	for _, h := range hits {
		inside := false
		for _, r := range ranges {
			if h.line >= r[0] && h.line <= r[1] {
				inside = true
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}

// outsideDocstrings drops the hits of the generic detectors, and of those
// that leave documentation out (SkipInTests), inside a Python docstring:
// a triple-quoted string that opens the module or follows a line ending
// in ":" (def, class, or any block's header), which Python keeps as
// documentation and never uses as a value. Its tokens are the examples an
// API's documentation shows ("access_token": "Q6dJ...", a doctest's
// jwt.encode(payload, "insecure-key")). A secret of a known format (a
// cloud key, a private key) is reported wherever it is.
func outsideDocstrings(hits []hit, data []byte) []hit {
	var ranges [][2]int // first and last line (1-based) of each docstring
	lines := bytes.Split(data, []byte("\n"))
	prevColon := true // the module's start counts as a block's header
	for i := 0; i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		delim := docstringOpen(t)
		if delim == nil || !prevColon {
			prevColon = t[len(t)-1] == ':'
			continue
		}
		rest := t[bytes.Index(t, delim)+3:]
		j := i
		for !bytes.Contains(rest, delim) && j+1 < len(lines) {
			j++
			rest = lines[j]
		}
		ranges = append(ranges, [2]int{i + 1, j + 1})
		i, prevColon = j, false
	}
	return dropInRanges(hits, ranges, func(h hit) bool { return h.det.Generic || h.det.SkipInTests })
}

// dropInRanges drops the hits that drop accepts on the lines of ranges
// (first and last line, 1-based).
func dropInRanges(hits []hit, ranges [][2]int, drop func(hit) bool) []hit {
	if len(ranges) == 0 {
		return hits
	}
	// sorted and merged, the ranges are searched by halves: a file of
	// many blocks and many hits is not read hits times ranges
	slices.SortFunc(ranges, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	merged := ranges[:1]
	for _, r := range ranges[1:] {
		if last := &merged[len(merged)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			merged = append(merged, r)
		}
	}
	out := hits[:0]
	for _, h := range hits {
		k, _ := slices.BinarySearchFunc(merged, h.line, func(r [2]int, line int) int { return cmp.Compare(r[0], line+1) })
		if drop(h) && k > 0 && h.line <= merged[k-1][1] {
			continue
		}
		out = append(out, h)
	}
	return out
}

// outsideExamples drops the hits of the generic detectors inside the
// examples a schema shows its readers: the value of a key "example" or
// "examples" (pydantic's json_schema_extra={"example": {...}}, an OpenAPI
// schema) or of a keyword example= or examples= (Field(examples=[...]),
// OpenApiExample(value=...)), from the bracket that opens it to the one
// that closes it. What they hold is made up for the documentation.
func outsideExamples(hits []hit, data []byte) []hit {
	var ranges [][2]int // first and last line (1-based) of each example
	lines := bytes.Split(data, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		at := exampleOpen(lines[i])
		if at < 0 {
			continue
		}
		depth, j := 0, i
		for col := at; j < len(lines); j, col = j+1, 0 {
			for _, c := range lines[j][col:] {
				switch c {
				case '{', '[', '(':
					depth++
				case '}', ']', ')':
					depth--
				}
			}
			if depth <= 0 {
				break
			}
		}
		ranges = append(ranges, [2]int{i + 1, min(j, len(lines)-1) + 1})
		i = j
	}
	return dropInRanges(hits, ranges, func(h hit) bool { return h.det.Generic })
}

// outsideFences drops the hits of the generic detectors inside the
// Markdown code blocks (between lines that start with ```) of a YAML
// file's text: the documentation a settings schema carries in its
// description or details, whose examples are made up for the reader.
func outsideFences(hits []hit, data []byte) []hit {
	var ranges [][2]int
	open := 0 // the line of the open fence, or 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("```")) {
			continue
		}
		if open == 0 {
			open = i + 1
		} else {
			ranges = append(ranges, [2]int{open, i + 1})
			open = 0
		}
	}
	return dropInRanges(hits, ranges, func(h hit) bool { return h.det.Generic })
}

// exampleRE matches where an example's value starts: "example": {,
// 'examples': [, example={, examples=[.
var exampleRE = lazyre.New(`(?:["']examples?["']\s*:|\bexamples?\s*=)\s*[\[{(]`)

// exampleOpen returns the column of the bracket that opens an example on
// the line, or -1.
func exampleOpen(line []byte) int {
	loc := exampleRE().FindIndex(line)
	if loc == nil {
		return -1
	}
	return loc[1] - 1
}

// docstringOpen returns the triple quote a trimmed line opens a string
// with ("""Usage, r”'Example), or nil.
func docstringOpen(t []byte) []byte {
	t = bytes.TrimLeft(t, "rRuUbB")
	for _, d := range [][]byte{[]byte(`"""`), []byte("'''")} {
		if bytes.HasPrefix(t, d) {
			return d
		}
	}
	return nil
}

// sectionedConfig reports the configuration files that several tools
// share, section by section: setup.cfg and pyproject.toml, where the test
// runner's settings sit beside the package's.
func sectionedConfig(rel string) bool {
	switch strings.ToLower(path.Base(rel)) {
	case "setup.cfg", "pyproject.toml":
		return true
	}
	return false
}

// testRunnerSections returns the byte ranges of the sections of an INI or
// TOML file that configure a test runner: [tool:pytest] and [pytest] in
// setup.cfg, [tool.pytest.ini_options] in pyproject.toml, and tox's.
func testRunnerSections(data []byte) [][2]int {
	var out [][2]int
	open := -1
	off := 0
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off + 1
		}
		line := bytes.TrimSpace(data[off:end])
		// a header alone on its line: [tool:pytest], [[tool.x]]; not an
		// array's element (["a", "b"],)
		if len(line) > 1 && line[0] == '[' && line[len(line)-1] == ']' && !bytes.ContainsAny(line, "\"'=,") {
			if open >= 0 {
				out = append(out, [2]int{open, off})
				open = -1
			}
			if testRunnerSection(string(bytes.Trim(line, "[] \t"))) {
				open = off
			}
		}
		off = end
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(data)})
	}
	return out
}

func testRunnerSection(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	switch {
	case name == "tool:pytest", name == "pytest", name == "tool.pytest.ini_options", name == "tool.pytest",
		name == "tox", name == "tool.tox", strings.HasPrefix(name, "testenv"), strings.HasPrefix(name, "tool.tox."),
		name == "coverage:run", strings.HasPrefix(name, "tool.coverage"):
		return true
	}
	return false
}

// inTestSection reports whether offset off of the file is in a section
// that configures the test runner.
func (sc *fileScan) inTestSection(off int) bool {
	for _, r := range sc.testSections {
		if r[0] <= off && off < r[1] {
			return true
		}
	}
	return false
}

// cveName matches a CVE identifier as folders and files spell it:
// CVE-2023-34039, cve_2023_34039, kat_cve_2023_34039.
var cveName = lazyre.New(`(?i)(?:^|[^a-z0-9])cve[-_]?[0-9]{4}[-_][0-9]{4,7}(?:[^0-9]|$)`)

// advisoryPart returns the first part of rel (a folder or the file's name)
// named after a CVE, or "". Scanners and exploit checks keep there the
// secrets a vendor shipped in every copy of its product (VMware's SSH keys
// of CVE-2023-34039, a default password), which the advisory published
// and the check tries against the hosts it audits: public, and no
// credential of the project's own.
func advisoryPart(rel string) string {
	for part := range strings.SplitSeq(rel, "/") {
		if cveName().MatchString(part) {
			return part
		}
	}
	return ""
}

// htmlPage reports a page or a template of one, by its extension.
func htmlPage(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm", ".jinja", ".jinja2", ".j2":
		return true
	}
	return false
}

// outsideCodeBlocks drops the hits of generic detectors (a name and a
// value) inside the <pre> and <code> elements of a page: what a page
// shows as code is an example for its readers (headers =
// {"Auth-Token": "..."} under "if you prefer Python:"), published to
// everyone who loads it. Keys a specific detector recognises (a vendor's
// prefix) are kept: a real one pasted there is public.
func outsideCodeBlocks(hits []hit, data []byte) []hit {
	var ranges [][2]int // first and last line (1-based) of each element
	lower := bytes.ToLower(data)
	for _, tag := range []string{"pre", "code"} {
		open, end := []byte("<"+tag), []byte("</"+tag+">")
		// lines are counted on from the last offset, so that a page of
		// many blocks is read once per tag
		at, line := 0, 1
		lineAt := func(off int) int {
			line += bytes.Count(data[at:off], []byte("\n"))
			at = off
			return line
		}
		for i := 0; i < len(lower); {
			j := bytes.Index(lower[i:], open)
			if j < 0 {
				break
			}
			start, after := i+j, i+j+len(open)
			if after < len(lower) && (isAlnum(lower[after]) || lower[after] == '-') {
				i = after // <preview>, <code-block>: another element
				continue
			}
			stop := len(lower)
			if k := bytes.Index(lower[after:], end); k >= 0 {
				stop = after + k
			}
			first := lineAt(start)
			ranges = append(ranges, [2]int{first, lineAt(stop)})
			i = max(stop, after)
		}
	}
	return dropInRanges(hits, ranges, func(h hit) bool { return h.det.Generic })
}
