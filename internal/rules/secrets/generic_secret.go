package secrets

import (
	"bytes"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// GenericHighEntropySecret reports passwords, tokens and keys found by the
// name they are assigned to.
var GenericHighEntropySecret = &analysis.Rule{
	ID:         "DJK107",
	Name:       "generic-high-entropy-secret",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{798, 259},
	Checklist:  []int{4},
	Doc: analysis.Doc{
		Title: "Password, token or API key assigned in a file",
		What: "A value assigned to a name that says it is secret (password, passwd, pwd, passphrase, secret, token, " +
			"api_key, access_key, auth_key, private_key, client_secret, credentials, signing_key, encryption_key) " +
			"with `=`, `:`, `=>` or as the default of an environment lookup, in any text file, when the value looks " +
			"random: at least 8 characters for passwords and 16 for other secrets, and a Shannon entropy of at " +
			"least 3 (passwords) or 3.5 bits per character. In program source only string literals count. Left " +
			"alone: placeholders (changeme, SET-ME-PLEASE, xxx, <your-key>, ${VAR}, {{ var }}, %(var)s, $VAR, Concourse's ((var)), a compose or shell reference with a default or an error message: ${PASSWORD:-dev}, ${SECRET_KEY:?required}, the name's own words again: JWT_PRIVATE_KEY=private-key), text in a human " +
			"language (the translations of a \"password\" label: Contraseña, パスワード, also written as \\u escapes as Django's JavaScript " +
			"catalogs do, and the placeholders Crowdin puts for them: crwdns382216:0crwdne382216:0, crwdns384754:0{facility}crwdne384754:0), " +
			"Python docstrings (the examples of an API's documentation) and the examples a schema shows its readers (json_schema_extra={\"example\": {...}}, Field(examples=[...]), the Markdown code blocks of a YAML file's descriptions), code in demo, example and sample folders, files named for tests " +
			"(test-realm.json), stylesheets (input[type=password]:focus is a selector), references " +
			"(os.environ, env(), settings.X, file paths such as an autoloader's airtime/om/BaseCcSubjsToken.php, URLs), identifiers and dotted paths (password_reset_done, PasswordInput, auth.backends.OIDCAuthPasswordBackend) and format templates that " +
			"build one (\"new_credential_%s\", \"reset_token:{}\"), " +
			"Django password hashes and values named as hashes of a secret (hashed_secret), decimal numbers (a test's duration), " +
			"segments of AWS resource names (arn:aws:secretsmanager:...:secret:NAME), Mapbox's public tokens (pk.eyJ..., made for a page's JavaScript; its secret tokens start with sk.), event handlers' names (a Backbone events map's '_onGenerateClicked'), values without a digit in a front end's translation catalog (locales/nl.json: \"E-mail/wachtwoord\"), BuildKit secret specifications (--secret id=token,src=./token), Codecov's encrypted values (url: secret:YeuA..., a key written against its value inside another key's value), rate-limit specifications (\"reset_password\": \"20/m/ip,5/m/key\"), values a specific " +
			"rule reports, and tests and documentation (OpenAPI and Swagger documents and Postman collections included: their tokens are examples; and a shell script's comment block, " +
			"a here-document given to the no-op command: : << 'EOF' ... EOF). A secret at a place the repository's .gitleaksignore " +
			"lists (gitleaks' [commit:]file:rule:line), or that the global allowlist of its .gitleaks.toml allows (paths, regexes " +
			"of the secret, stop words), or that sits in a file its .pre-commit-config.yaml excludes from a secret-scanning hook, or on a line " +
			"a scanner's inline marker allows (gitleaks:allow, detect-secrets' pragma: allowlist secret, and its nextline form on the line before), " +
			"is low, as for every secrets rule, with a note that the team reviewed it. A value in an example file that people copy and fill in " +
			"(.env.example, settings.yml-sample), which no script of the project copies as it is, is low. CSRF tokens (csrftoken, X-CSRFToken) " +
			"let no one in and are left alone. The key of a web maps service (bingMapsKey, GOOGLE_MAPS_API_KEY, OPENMAPTILES_TOKEN, a tiles " +
			"key) is low: its provider gives it to browsers by design and restricts it by referrer (a Mapbox secret token, sk., is not). So is the apiKey of an " +
			"Algolia search configuration, beside its appId and indexName (DocSearch in a docusaurus config): the search-only key every page sends, " +
			"and the token a browser widget starts with (Chatwoot's websiteToken, a captcha's siteKey). " +
			"Values inside the <pre> and <code> elements of an HTML page or template are not reported: what a page shows as code is an example for its readers." + devFileWhat,
		Why: "Credentials in a repository are read by everyone who has a clone, a fork, a CI log or a backup of it, " +
			"long after they were removed from the latest commit.",
		Bad:  "EMAIL_HOST_PASSWORD = \"w8Kd!r2Qv#Lz9\"",
		Good: "EMAIL_HOST_PASSWORD = os.environ[\"EMAIL_HOST_PASSWORD\"]",
		Fix:  "Change the credential where it is used, then read it from the environment or a secrets manager.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/798.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runFamily,
}

const (
	assignOp    = `["']?\]?\s*(?:=>|:=|\?=|[:=])\s*[bru]?`
	passwordKey = `(?P<key>\b[\w.-]*?(?:password|passwd|passwrd|pwd|passphrase)(?:[_-]?(?:hash|str|string|value))?\d?)`
	secretKey   = `(?P<key>\b[\w.-]*?(?:secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|private[_.-]?key|` +
		`client[_.-]?secret|credentials?|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key)(?:[_-]?(?:key|value|str|string))?\d?)`
)

// valueRE matches a quoted or bare value. A bare value runs to the next
// space, quote, comma or semicolon: a # right after = belongs to the value
// in .env files and Dockerfiles, a comment starts after a space. Lengths are checked in code
// (Detector.MinLen, MaxLen): counted repetitions would multiply the size of
// the compiled regex and push it off Go's fast backtracking matcher.
const valueRE = `(?:"(?P<secret>[^"\n]+)"|'(?P<secret>[^'\n]+)'|(?P<bare>[^\s"',;]+))`

var passwordKeywords = []string{"password", "passwd", "passwrd", "pwd", "passphrase"}

var secretKeywords = []string{"secret", "token", "api_key", "api-key", "api.key", "apikey", "access_key", "access-key",
	"auth_key", "authkey", "private_key", "privatekey", "credential", "signing_key", "encryption_key", "master_key"}

var genericDetectors = []*Detector{
	{
		ID: "generic-password", Description: "password",
		AtKey:    true,
		Assign:   true,
		Regex:    `(?i)` + passwordKey + assignOp + valueRE,
		Keywords: passwordKeywords,
		Entropy:  3.0,
		MinLen:   8,
		MaxLen:   256,
		Generic:  true,
		Quoted:   true,
		Check:    checkGeneric,
	},
	{
		ID: "generic-secret", Description: "secret",
		AtKey:    true,
		Assign:   true,
		Regex:    `(?i)` + secretKey + assignOp + valueRE,
		Keywords: secretKeywords,
		Entropy:  3.5,
		MinLen:   16,
		MaxLen:   256,
		Generic:  true,
		Quoted:   true,
		Check:    checkGeneric,
		// Mapbox's public tokens (pk.eyJ...) are made to be shipped in a
		// page's JavaScript, restricted to the site's URLs; its secret
		// ones start with sk.
		Allow: []string{`^pk\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`},
	},
	{
		ID: "netrc-password", Description: "password",
		Regex:    `(?i)(?:^|\s)(?P<key>password)\s+(?P<secret>[^\s#]+)`,
		Keywords: []string{"password"},
		Entropy:  2.5,
		MinLen:   6,
		Generic:  true,
		// The .netrc format: machine HOST login USER password PASS, on one
		// line or several.
		FileNames: []string{".netrc", "_netrc"},
	},
	{
		ID: "generic-env-default", Description: "secret",
		AtKey: true,
		Regex: `(?i)(?:getenv|environ\.get|env|env\.str|config|setdefault)\(\s*["'](?P<key>[\w.-]*(?:password|passwd|pwd|secret|token|api_?key|access_?key))["']\s*,\s*` +
			`(?:default\s*=\s*)?["'](?P<secret>[^"'\n]+)["']`,
		Keywords: []string{"getenv", "environ.get", "env(", "env.str(", "config(", "setdefault("},
		Ahead:    envDefaultAhead,
		Entropy:  3.0,
		MinLen:   8,
		MaxLen:   256,
		Generic:  true,
		Check:    checkGeneric,
	},
}

// envDefaultAhead is a cheap test of what generic-env-default's regex needs
// after the function's name: a parenthesis, a quoted name that ends with
// a secret's word, and a comma. Most calls (os.getenv("DEBUG")) fail it.
func envDefaultAhead(s string) bool {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		return false
	}
	i = skipRESpace(s, i+1)
	if i >= len(s) || s[i] != '"' && s[i] != '\'' {
		return false
	}
	i++
	j, ascii := i, true
	for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '.' || s[j] == '-' || s[j] >= 0x80) {
		ascii = ascii && s[j] < 0x80
		j++
	}
	if j >= len(s) || s[j] != '"' && s[j] != '\'' {
		return false
	}
	// Case folding lets a non-ASCII letter (the Kelvin sign, the long s)
	// stand for k or s: such names are left to the regex.
	if ascii && !endsWithSecretWord(strings.ToLower(s[i:j])) {
		return false
	}
	j = skipRESpace(s, j+1)
	return j < len(s) && s[j] == ','
}

func endsWithSecretWord(name string) bool {
	for _, w := range []string{"password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "accesskey", "access_key"} {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// skipRESpace skips what \s matches in a regular expression.
func skipRESpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// passwordHash matches Django's stored password formats: a hash in a
// fixture is not a usable password.
var passwordHash = lazyre.New(`^(?:pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|crypt)\$|^!(?:[A-Za-z0-9]{40})?$`)

// rateLimit matches rate-limit specifications (django-ratelimit, allauth,
// DRF throttles): "20/m/ip,5/m/key", "5/m", "100/h/user". A key named
// reset_password or login holds the limit of that action, not a secret.
var rateLimit = lazyre.New(`^\d+/\d*[smhd][a-z]*(?:/[a-z_]+)?(?:,\s*\d+/\d*[smhd][a-z]*(?:/[a-z_]+)?)*$`)

// RateLimit reports a rate-limit specification ("5/m", "20/m/ip,5/m/key"):
// the settings rules read ACCOUNT_RATE_LIMITS["reset_password"] with it.
func RateLimit(s string) bool { return rateLimit().MatchString(s) }

func checkGeneric(m *match) bool {
	if passwordHash().MatchString(m.secret) || humanText(m.secret) || rateLimit().MatchString(m.secret) || decimalNumber(m.secret) {
		return false
	}
	if namesNotValue(m.key) || arnSegment(m) || buildSecretSpec(m.secret) || prefixedValue(m) {
		return false
	}
	if handlerName(m.secret) || catalogText(m) {
		return false
	}
	if strings.Contains(m.line, "${"+m.key+":-") || strings.Contains(m.line, "${"+m.key+"-") {
		// ${POSTGRES_PASSWORD:-kuma}: a shell or compose reference to
		// the variable, with a development default, not an assignment.
		return false
	}
	if strings.Contains(m.line, "${"+m.key+":?") || strings.Contains(m.line, "${"+m.key+"?") {
		// ${S3_SECRET_KEY:?secret_key_required}: the variable is
		// required, and what follows ? is the error shown without it
		return false
	}
	if m.det.ID == "generic-password" {
		m.desc = "password"
	} else {
		m.desc = "secret"
	}
	if MapsKey(m.key) && !strings.HasPrefix(m.secret, "sk.") {
		m.severity = report.Low
		m.desc = "maps key"
		m.claim = "a maps service gives such keys to browsers by design, so it is public once a page uses it; " +
			"what keeps others from spending it is a restriction to the site's referrers at the provider"
	}
	if widgetToken(m.key) {
		m.severity = report.Low
		m.desc = "widget token"
		m.claim = "a support or captcha widget's script carries it to every visitor by design, so it names the site " +
			"rather than grants access; what a reader could do with it is what any visitor can"
	}
	if searchOnlyKey(m) {
		m.severity = report.Low
		m.desc = "search-only key"
		m.claim = "a search configuration (Algolia DocSearch or InstantSearch, beside its appId and indexName) carries " +
			"the key every page's script sends, which can only search the index; check at Algolia that it is the " +
			"search-only key and not the admin key"
	}
	return true
}

// searchOnlyKey reports the apiKey of an Algolia search configuration:
// in the same object as the appId and the indexName it searches
// (docusaurus' algolia: {appId, apiKey, indexName}, docsearch({...})).
// DocSearch and InstantSearch run in the browser with the search-only
// key; another object's apiKey is no such key.
func searchOnlyKey(m *match) bool {
	k := strings.ToLower(keySeparators.Replace(m.key))
	if k != "apikey" && k != "searchapikey" && k != "algoliaapikey" && k != "algoliasearchapikey" {
		return false
	}
	obj := enclosingObject(m.data, m.start)
	return bytes.Contains(obj, []byte("indexName")) && (bytes.Contains(obj, []byte("appId")) || bytes.Contains(obj, []byte("applicationId")))
}

// maxObject bounds how far enclosingObject looks for the braces around an
// offset: configuration objects are a few lines long.
const maxObject = 2048

// enclosingObject returns the text between the braces that enclose
// offset i of data (a JavaScript or JSON object), nested objects
// included, or nil when none closes within maxObject bytes either way.
// Braces inside strings are counted too: a configuration's values seldom
// hold them, and a miss only keeps the finding's severity.
func enclosingObject(data []byte, i int) []byte {
	open, depth := -1, 0
	for j := i - 1; j >= 0 && j >= i-maxObject; j-- {
		if data[j] == '}' {
			depth++
		} else if data[j] == '{' {
			if depth == 0 {
				open = j
				break
			}
			depth--
		}
	}
	if open < 0 {
		return nil
	}
	depth = 0
	for j := i; j < len(data) && j < i+maxObject; j++ {
		if data[j] == '{' {
			depth++
		} else if data[j] == '}' {
			if depth == 0 {
				return data[open : j+1]
			}
			depth--
		}
	}
	return nil
}

// prefixedValue reports a key written against its value, the whole being
// the value of another YAML key: url: secret:YeuA... is Codecov's
// encrypted secret, which only Codecov can decrypt, not a secret named
// "secret".
func prefixedValue(m *match) bool {
	i := strings.Index(m.line, m.key+":"+m.secret)
	if i < 2 {
		return false
	}
	before := strings.TrimRight(m.line[:i], " \t")
	return len(before) < i && (strings.HasSuffix(before, ":") || strings.HasSuffix(before, "-"))
}

// handlerName reports a value that names an event handler, as a
// Backbone view's events map writes it ('click .generate-api-token':
// '_onGenerateClicked'): on followed by a capitalised word, letters only.
func handlerName(v string) bool {
	v = strings.TrimPrefix(v, "_")
	if len(v) < 4 || !strings.HasPrefix(v, "on") || v[2] < 'A' || v[2] > 'Z' {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// catalogDirs are the folders front ends keep their translations in.
var catalogDirs = map[string]bool{"locales": true, "locale": true, "i18n": true, "translations": true, "lang": true, "langs": true}

// catalogText reports a value of a translation catalog (locales/nl.json)
// that holds no digit: the text of a "password" label ("E-mail/wachtwoord"),
// where a generated secret mixes in digits.
func catalogText(m *match) bool {
	if strings.ContainsAny(m.secret, "0123456789") {
		return false
	}
	ext := strings.ToLower(path.Ext(m.path))
	if ext != ".json" && ext != ".yml" && ext != ".yaml" {
		return false
	}
	for dir := path.Dir(m.path); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if catalogDirs[strings.ToLower(path.Base(dir))] {
			return true
		}
	}
	return false
}

// widgetToken reports the name of the token a browser widget is started
// with: Chatwoot's websiteToken, a captcha's site key. Each page sends it.
func widgetToken(key string) bool {
	switch strings.ToLower(keySeparators.Replace(key)) {
	case "websitetoken", "sitekey", "recaptchasitekey", "hcaptchasitekey", "turnstilesitekey":
		return true
	}
	return false
}

// MapsKey reports a name for the key of a web maps service (bingAPIKey,
// GOOGLE_MAPS_API_KEY, OPENMAPTILES_TOKEN, tiles_api_key): the key the
// map widgets of every page carry, which the provider restricts by
// referrer rather than keeps secret. A Mapbox secret token (sk.) is not.
func MapsKey(key string) bool {
	// Cloudflare's Turnstile is a captcha, whose secret key is one: its
	// name holds "tiles" by chance
	k := strings.ReplaceAll(strings.ToLower(keySeparators.Replace(key)), "turnstile", "")
	for _, w := range []string{"bing", "googlemaps", "gmaps", "mapbox", "maptiler", "openmaptiles", "mapquest", "mapsapi",
		"mapskey", "mapkey", "tiles", "leaflet"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// humanText reports a value written in a human language rather than
// generated: it holds letters outside ASCII (Contraseña, パスワード,
// 密码), as the translations of a "password" label do. Generated secrets
// are ASCII: hex, base64, random letters and digits.
func humanText(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return escapedLetters(s)
}

// escapedLetters reports a value that starts with \uXXXX escapes of
// letters outside ASCII, as a JavaScript or JSON catalog of translations
// writes them ("\u8bf7\u8f93\u5165\u65b0\u5bc6\u7801": 请输入新密码).
func escapedLetters(s string) bool {
	n := 0
	for len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
		v, err := strconv.ParseUint(s[2:6], 16, 32)
		if err != nil {
			break
		}
		if r := rune(v); r >= utf8.RuneSelf && unicode.IsLetter(r) {
			n++
		}
		s = s[6:]
	}
	return n >= 2
}

// arnSegment reports a key that is a segment of an AWS resource name
// ("valueFrom": "arn:aws:secretsmanager:eu-west-2:0123:secret:api:KEY::"):
// a reference to where the secret is kept, not the secret.
func arnSegment(m *match) bool {
	g := m.det.keyGroup
	if g <= 0 || m.loc[2*g] <= 0 {
		return false
	}
	before := m.line[:m.loc[2*g]]
	return strings.HasSuffix(before, ":") && strings.Contains(before, "arn:aws")
}

// buildSecretSpec reports a BuildKit secret mount's description
// (--secret "id=npm_token,src=./token", --mount=type=secret,id=...): it
// says where the build finds the secret, not what it is.
func buildSecretSpec(v string) bool {
	return strings.HasPrefix(v, "id=") && (strings.Contains(v, ",src=") || strings.Contains(v, ",env=") || !strings.Contains(v, ","))
}

// decimalNumber reports a value that is a number with a fractional part
// ("test_login_wrong_password": 0.0353, a test's duration): a measure,
// not a password.
func decimalNumber(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// keySeparators are dropped from a key before its words are looked for.
var keySeparators = strings.NewReplacer("_", "", "-", "", ".", "")

// namesNotValue reports keys whose value names, locates or describes a
// secret instead of being one: API_KEY_FILE, TOKEN_URL, PASSWORD_ENV,
// jwtSecretRef, SESSION_TOKEN_HEADER.
func namesNotValue(key string) bool {
	k := strings.ToLower(keySeparators.Replace(key))
	if strings.HasPrefix(k, "hashed") {
		return true // hashed_secret: a digest of the secret
	}
	if strings.Contains(k, "csrf") || strings.Contains(k, "xsrf") {
		// csrftoken, X-CSRFToken: a token against cross-site requests,
		// which the client picks or is handed with the page; it lets no
		// one in
		return true
	}
	for _, w := range []string{"name", "type", "field", "url", "uri", "file", "path", "header", "prefix", "env", "var",
		"ref", "label", "length", "len", "count", "algorithm", "endpoint", "id", "dir", "policy", "lifetime", "ttl",
		"timeout", "expiry", "expiration", "validators", "hashers", "mode", "backend", "class", "format", "template"} {
		if strings.HasSuffix(k, w) {
			return true
		}
	}
	return false
}
