package secrets

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
)

// runFamily is the Run function of every per-file secrets rule: the file is
// scanned once by all detectors (see fileHits) and each rule reports the
// hits of its own detectors.
func runFamily(p *analysis.Pass) { runFamilyWith(p, nil) }

// runFamilyWith is runFamily with adjust, when set, given each of the
// rule's hits before it is reported.
func runFamilyWith(p *analysis.Pass, adjust func(*hit)) {
	hits, err := fileHits(p.File)
	if err != nil {
		return // the runner reports unreadable files
	}
	var reviewed map[int]bool
	text := &fileText{f: p.File}
	for _, h := range hits {
		if h.rule != p.Rule.ID {
			continue
		}
		if adjust != nil {
			adjust(&h)
		}
		if reviewed == nil {
			reviewed = gitleaksIgnored(p.Project)[p.File.Path]
		}
		sev := h.severity
		if sev == report.SeverityUnset {
			sev = p.Rule.Severity
		}
		if sev > report.Low && strings.HasSuffix(p.File.Path, ".py") && settings.Load(p.Project).DevOnly(p.File.Path) {
			// a settings module for development (by its name, docstring,
			// base or folder) that no production module reaches: its
			// keys are a developer's, as in a .env.development
			h.severity = report.Low
			if !strings.Contains(h.note, devKeyNote) {
				h.note += devKeyNote
			}
		}
		if sev > report.Low && h.severity != report.Low && strings.HasSuffix(p.File.Path, ".py") && settings.Load(p.Project).DevClassAt(p.File.Path, h.line) {
			// class Development(Base) of django-configurations, beside
			// class Production(Base) in the same module
			h.severity = report.Low
			h.note += "; it is set in a django-configurations class for development or tests, which no production class derives from, but a key that is in the repository must never reach production"
		}
		if sev > report.Low && devCompose(p.File.Path) {
			// compose-dev.yml, docker-compose.local.yml: the stack a
			// developer starts, whose keys are theirs (DJI205 reports
			// those it sees in a service's environment, low, in place
			// of these; this covers the rest, such as a service left
			// commented out)
			h.severity = report.Low
			h.note += devComposeNote
		}
		if sev > report.Low && h.det.Generic && h.severity != report.Low && commentLine(text, h.line) {
			// # http_basic_password=... in a commented-out example block
			h.severity = report.Low
			h.note += "; it is on a comment line, most often an example of the setting: check that it is not a real value"
		}
		if sev > report.Low && h.severity != report.Low && !strings.HasSuffix(p.File.Path, ".py") { // not lowered above
			if why := text.devFile(p.Project); why != "" {
				// dev-env/run-docker-compose.sh, the keys of a local
				// stack; certs/ whose README says not to deploy them
				h.severity = report.Low
				h.note += "; " + why + ", but a key that is in the repository must never reach production"
			}
		}
		if sev > report.Low && (h.det.Generic || h.rule == "DJK105") && exampleFile(p.File.Path) &&
			!copiedByScript(p.Project, p.File.Path) && !copiedExample(p.Project, p.File.Path) {
			h.severity = report.Low
			h.note += "; " + path.Base(p.File.Path) + " is an example that people copy and fill in, which no script of the " +
				"project copies as it is: put a placeholder there, so that a copy made without changing it fails to start " +
				"instead of running with a published value"
		}
		if sev > report.Low && h.severity != report.Low && text.oneValue(h.secret) {
			// EMAIL_HOST_PASSWORD=debug in a template whose every
			// setting is debug: a stand-in, whatever the name
			h.severity = report.Low
			h.note += "; every setting of " + path.Base(p.File.Path) + " has this same value, which makes it a stand-in for the real ones"
		}
		switch {
		case reviewed[h.line]:
			h.severity = report.Low
			h.note += "; the repository's .gitleaksignore lists it, as reviewed and not a live secret: check that it still is"
		case scannerAllowList(p.File.Path):
			h.severity = report.Low
			h.note += "; " + path.Base(p.File.Path) + " is a secret scanner's list of values the team reviewed and told it to ignore: the value is reported where the code uses it, if anywhere"
		case allowMarked(text, h.line):
			h.severity = report.Low
			h.note += "; a comment on its line marks it for secret scanners as reviewed (gitleaks:allow, detect-secrets' pragma: allowlist secret): check that it is no live secret"
		default:
			if why := gitleaksAllowlist(p.Project).allows(p.File.Path, h.secret); why != "" {
				h.severity = report.Low
				h.note += "; the repository's .gitleaks.toml allows it (" + why + "), as a value the team knows is not a live secret: check that it still is"
			} else if hook := excludedHook(p.Project, h.rule, p.File.Path); hook != "" {
				h.severity = report.Low
				h.note += "; the repository's .pre-commit-config.yaml excludes this file from its " + hook + " hook, as committed on purpose: check that it holds no live secret"
			}
		}
		what := h.det.Description
		if h.desc != "" {
			what = h.desc
		}
		if h.key != "" {
			what += " assigned to " + h.key
		}
		claim := "anyone who can read this file can use it"
		if h.claim != "" {
			claim = h.claim
		}
		msg := fmt.Sprintf("%s %q is hard-coded: %s%s", what, h.redacted, claim, h.note)
		p.Report(analysis.Diagnostic{
			Location:   p.At(h.line, h.col),
			Message:    msg,
			Severity:   h.severity,
			Confidence: h.confidence,
			// The secret stays out of the report: the fingerprint is
			// built from its hash, not from the source line.
			Snippet: p.Rule.ID + " " + h.det.ID + " " + h.key + " " + h.hash,
			Properties: map[string]any{
				"detector": h.det.ID,
				"entropy":  math.Round(h.entropy*100) / 100,
			},
		})
	}
}

// allowMarked reports line n of the file holding a secret scanner's
// inline allow marker: gitleaks' gitleaks:allow, or detect-secrets'
// pragma: allowlist secret (written allowlist-secret too), or line n-1
// holding detect-secrets' pragma: allowlist nextline secret.
func allowMarked(t *fileText, n int) bool {
	if t.allow == 0 {
		t.allow = 1
		if bytes.Contains(t.content(), []byte("allow")) {
			t.allow = 2
		}
	}
	if t.allow == 1 {
		return false
	}
	l := t.line(n)
	if bytes.Contains(l, []byte("gitleaks:allow")) || allowPragma().Match(l) {
		return true
	}
	return n > 1 && nextlinePragma().Match(t.line(n-1))
}

var (
	allowPragma    = lazyre.New(`pragma:\s*allowlist[ -]secret`)
	nextlinePragma = lazyre.New(`pragma:\s*allowlist[ -]nextline[ -]secret`)
)

// commentLine reports whether line n (1-based) of the file is a comment
// of the usual syntaxes: #, //, ;, -- or a block comment's * line.
func commentLine(t *fileText, n int) bool {
	line := bytes.TrimSpace(t.line(n))
	for _, c := range []string{"#", "//", ";", "--", "* ", "/*"} {
		if bytes.HasPrefix(line, []byte(c)) {
			return true
		}
	}
	return false
}

// fileText is the content of the file a rule reports in, read once, with
// what the checks of its hits ask of it worked out once: a file of
// thousands of hits was read through again for each.
type fileText struct {
	f      *project.File
	data   []byte
	read   bool
	starts []int    // the offset of each line, from line 1
	values [][]byte // the values of its KEY=value lines, for oneValue
	valued bool
	allow  int // 0 not known yet, 1 no "allow" in the file, 2 some
	dev    *string
}

// devFile is devFile of the file, worked out once.
func (t *fileText) devFile(p *project.Project) string {
	if t.dev == nil {
		why := devFile(p, t.f)
		t.dev = &why
	}
	return *t.dev
}

func (t *fileText) content() []byte {
	if !t.read {
		t.data, _ = t.f.Content()
		t.read = true
	}
	return t.data
}

// line returns line n (from 1) of the file, without its newline; nil past
// the end.
func (t *fileText) line(n int) []byte {
	data := t.content()
	if t.starts == nil {
		t.starts = append(t.starts, 0)
		for i, c := range data {
			if c == '\n' {
				t.starts = append(t.starts, i+1)
			}
		}
	}
	if n < 1 || n > len(t.starts) {
		return nil
	}
	l := data[t.starts[n-1]:]
	if j := bytes.IndexByte(l, '\n'); j >= 0 {
		l = l[:j]
	}
	return l
}

// devFileWhat ends the documentation of the rules that report through
// runFamily: what devFile lowers.
const devFileWhat = " In Python, a value set in a django-configurations class for development or tests (class Development(Base), " +
	"Test, and the classes deriving from them), beside the production class of the same module, is low. So is a value in a secret scanner's own " +
	"configuration (.gitguardian.yaml's ignored-matches, .gitleaks.toml, .secrets.baseline): the list of values the team reviewed. Outside Python, a value in a folder named for development (dev-env/, local-dev/), in a file named so " +
	"(realm-local.json), under a folder whose README says it is not for production (\"Do NOT use these in any real deployments\"), " +
	"or in a file whose comments say so, in a Keycloak realm export whose clients send users back only to localhost, or in a " +
	"YAML, JSON or TOML file whose every URL names localhost or a reserved test domain (.local, .test), in a file of four settings or more that all have " +
	"the same value (EMAIL_HOST_PASSWORD=debug beside EMAIL_HOST=debug: a template's stand-in), or in a file that only " +
	"compose files for development use (their env_file, or a file or folder their services mount), is low. So is a value a detector that goes by names alone finds on a comment line " +
	"(# password = ..., an example of the setting). So is a secret in a folder or file named after a CVE " +
	"(plugins/check_cve_2023_34039/keys/id_rsa): a vendor's built-in key or password that the advisory published and that a scanner's " +
	"check tries against the hosts it audits, no credential of the project's own."

// DevStackFile says why a file only development stacks use is for
// development (the env_file of a compose file for development, a
// configuration one mounts), or returns "". The deployment rules set it,
// since they read the compose files and know which stacks are the
// developers' (and import this package); nil, no file is judged so.
var DevStackFile func(p *project.Project, rel string) string

// devFile says why a file, other than Python (which the settings judge),
// is for development, or returns "": a folder holding it is named for
// development (dev-env/, local-dev/: by a word of its name, not local
// alone, which names apps such as local_news), or has a README that says
// it is not for production, or the file's own name (realm-local.json,
// unittests-env-vars.env) or comments say so.
func devFile(proj *project.Project, f *project.File) string {
	for dir := path.Dir(f.Path); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if project.HasNameWord(strings.ToLower(path.Base(dir)), "dev", "devel", "development", "localdev", "localdevelopment") {
			return "it is in " + dir + "/, a folder for development"
		}
		if settings.DevReadme(proj, dir) {
			return "the README of " + dir + "/ says it is not for production"
		}
	}
	if project.HasNameWord(strings.ToLower(path.Base(f.Path)), "dev", "devel", "development", "local") {
		return "its name says it is for development or a local setup"
	}
	if project.HasNameWord(strings.ToLower(path.Base(f.Path)), "test", "tests", "testing", "unittest", "unittests") {
		// unittests-env-vars.env: the database of the container the
		// test suite runs in
		return "its name says it is for tests"
	}
	if DevStackFile != nil {
		if why := DevStackFile(proj, f.Path); why != "" {
			return why
		}
	}
	data, err := f.Content()
	if err != nil {
		return ""
	}
	if settings.DevComment(data) {
		return "its comments say it is not for production"
	}
	if localRealm(data) {
		return "it is a Keycloak realm whose clients send users back only to localhost"
	}
	if localConfig(f.Path, data) {
		return "every URL it names is on the developer's machine or a reserved test domain"
	}
	return ""
}

// configURL matches an absolute URL in a configuration file, quoted or not.
var configURL = lazyre.New(`\b[a-z][a-z0-9+.-]*://[^\s"'<>,]+`)

// localConfig reports a YAML, JSON or TOML file whose every absolute URL,
// one at least, names the developer's machine or a domain reserved for
// tests and local networks (http://localhost:8080/realms/test/,
// http://records.local:8000/): the configuration of a local stack, whose
// client secrets are those of its containers. A name of a container
// (http://web:8000) could be a deployment's too, and keeps the file's values.
func localConfig(rel string, data []byte) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".yml", ".yaml", ".json", ".toml":
	default:
		return false
	}
	ms := configURL().FindAll(data, -1)
	for _, m := range ms {
		u, err := url.Parse(string(m))
		if err != nil || !loopback(u.Hostname()) && !project.ReservedHost(u.Hostname()) {
			return false
		}
	}
	return len(ms) > 0
}

var (
	realmURIs = lazyre.New(`"(?:redirectUris|webOrigins)"\s*:\s*\[([^\]]*)\]|"(?:rootUrl|baseUrl|adminUrl)"\s*:\s*("[^"]*")`)
	quotedURL = lazyre.New(`"([a-z][a-z0-9+.-]*://[^"]*)"`)
)

// localRealm reports a Keycloak realm export (realm.json) whose clients
// send users back only to localhost: every absolute redirect URI, web
// origin and root, base or admin URL names the developer's machine, and
// one at least does. Such a realm is a development identity provider's,
// its client secrets those of a local container.
func localRealm(data []byte) bool {
	if !bytes.Contains(data, []byte(`"realm"`)) || !bytes.Contains(data, []byte(`"redirectUris"`)) {
		return false
	}
	local := 0
	for _, m := range realmURIs().FindAllSubmatch(data, -1) {
		list := m[1]
		if m[2] != nil {
			list = m[2]
		}
		for _, m := range quotedURL().FindAllSubmatch(list, -1) {
			u, err := url.Parse(string(m[1]))
			if err != nil || !loopback(u.Hostname()) {
				return false
			}
			local++
		}
	}
	return local > 0
}

const devComposeNote = "; the compose file is named for development, but a key that is in the repository must never reach production"

// devCompose reports a compose file named for development or tests:
// compose-dev.yml, docker-compose.local.yaml, docker-compose.test.yml.
func devCompose(rel string) bool {
	base := path.Base(rel)
	return project.NameKind(rel)&project.Compose != 0 &&
		(project.NamedForDevelopment(base) || project.HasNameWord(strings.ToLower(base), "ci"))
}

// scannerAllowList reports a secret scanner's own configuration
// (ggshield's .gitguardian.yaml with its ignored-matches, gitleaks'
// allowlist, detect-secrets' baseline): the values it lists are those the
// team reviewed, quoted so that the scanner skips them elsewhere.
func scannerAllowList(rel string) bool {
	switch path.Base(rel) {
	case ".gitguardian.yaml", ".gitguardian.yml", ".gitleaks.toml", ".gitleaksignore", ".secrets.baseline":
		return true
	}
	return false
}

// exampleFile reports a file named as an example or template of another:
// local_settings.py.example, general.yml-example, dotenv.sample,
// docker_sample_env, .env.dist.
func exampleFile(rel string) bool {
	return project.HasNameWord(strings.ToLower(path.Base(rel)), "example", "examples", "sample", "samples", "template", "tmpl", "dist")
}

// copiedExample reports a script of the project that copies an example
// into the file the example is for, naming it through a variable:
// local ENV="../conf/.env" ... cp "$ENV.example" "$ENV". The script names
// the file without the example's word (.env for .env.example) and copies
// something on a line that says example.
func copiedExample(proj *project.Project, rel string) bool {
	base := path.Base(rel)
	var words []string
	for _, w := range strings.FieldsFunc(base, func(r rune) bool { return r == '.' || r == '_' || r == '-' }) {
		if !exampleFile(w) {
			words = append(words, w)
		}
	}
	target := strings.Join(words, ".")
	if strings.HasPrefix(base, ".") {
		target = "." + target
	}
	if target == "" || target == base {
		return false
	}
	var buf []byte
	for _, f := range proj.Files {
		name := strings.ToLower(path.Base(f.Path))
		if !installScript(name) {
			continue
		}
		data, err := f.Peek(&buf)
		if err != nil || path.Ext(name) == "" && name != "makefile" && !strings.HasPrefix(name, "dockerfile") && !shellScript(f.Path, data) || !bytes.Contains(data, []byte(target)) {
			continue
		}
		names, copies := false, false
		for _, line := range bytes.Split(data, []byte("\n")) {
			names = names || namesFile(line, target)
			copies = copies || copyCommandRE().Match(line) && bytes.Contains(bytes.ToLower(line), []byte("example"))
		}
		if names && copies {
			return true
		}
	}
	return false
}

// settingLine matches a KEY=value line of an environment or properties
// file, the value up to a space or a comment.
var settingLine = lazyre.New(`(?m)^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*=[ \t]*["']?([^\s"'#]*)`)

// oneValue reports a file of four settings or more that all have the
// value secret: a template filled with one stand-in (every key =debug).
// The file's values are read once.
func (t *fileText) oneValue(secret string) bool {
	if !t.valued {
		t.valued = true
		for _, m := range settingLine().FindAllSubmatch(t.content(), 200) {
			t.values = append(t.values, m[1])
		}
	}
	if len(t.values) < 4 {
		return false
	}
	for _, m := range t.values {
		// KEY=debug#DO NOT ADD SECRETS: a # with no space before it
		// is part of the value for dotenv, and of the secret found
		if v := string(m); v == "" || secret != v && !strings.HasPrefix(secret, v+"#") {
			return false
		}
	}
	return true
}
