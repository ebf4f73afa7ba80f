package secrets

import (
	"bufio"
	"bytes"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
)

// CommittedDotenvFile reports .env files that git tracks or would track.
var CommittedDotenvFile = &analysis.Rule{
	ID:         "DJK201",
	Name:       "committed-dotenv-file",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{540, 798},
	Checklist:  []int{3, 16},
	Doc: analysis.Doc{
		Title: "Environment file committed to the repository",
		What: "A .env file (.env, .env.production, .env.local, prod.env, …) that is tracked by git (it is in " +
			".git/index, even when .gitignore now ignores it) or that .gitignore does not ignore, so that the next " +
			"`git add .` commits it. Templates and demonstrations (.env.example, .env.sample, .env.template, .env.dist, " +
			"docker-compose.local-template.env, .env.demo, and a file that a " +
			"shell script, Makefile or Dockerfile of the project copies or downloads by its name) are not reported " +
			"by this rule; the secrets rules still read them and report real-looking values. A file whose values are " +
			"all empty is left alone; one that holds no secret-looking value is reported as low (a value that is its " +
			"name's last word with a short prefix, DB_PASSWORD=pgpassword, or the user or database name the file gives again, " +
			"POSTGRES_PASSWORD=shop beside POSTGRES_USER=shop, or a local service's well-known default, postgres or guest, is a default to change, " +
			"not a secret; nor are switches and numbers, AUTH_LDAP_ALWAYS_UPDATE_USER=true, mappings, ATTR_MAP=username=cn,email=mail, " +
			"values made of the name's own words, SECRET_KEY_FILENAME=SECRET_KEY, and a front-end build's " +
			"VITE_, NEXT_PUBLIC_ or REACT_APP_ variable is public by design), and so are " +
			".env.test, an end-to-end suite's .env.e2e, .env.ci and files for a developer's machine (.env.development, docker.dev.env, or a file whose own comments say it is for " +
			"local development or not for production, or one that only compose files for development name as their env_file). The git index is read when the scanned directory is the top of the repository.",
		Why: "An environment file exists to keep secrets out of the code. Committed, it hands them to everyone with a " +
			"clone, a fork or a CI cache, and they stay in the history after the file is deleted.",
		Bad:  "$ git ls-files\n.env\nmanage.py",
		Good: "$ cat .gitignore\n.env\n.env.*\n!.env.example",
		Fix: "Add .env and .env.* (with !.env.example) to .gitignore, run `git rm --cached .env`, and change every " +
			"secret the file held: removing it from the next commit does not remove it from the history.",
		References: []string{
			"https://git-scm.com/docs/gitignore",
			"https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository",
			"https://cwe.mitre.org/data/definitions/540.html",
		},
	},
	Scope: analysis.PerProject,
	Run:   runCommittedDotenv,
}

// isDotenv reports names of environment files, leaving out templates.
func isDotenv(name string) bool {
	name = strings.ToLower(name)
	if name != ".env" && !strings.HasPrefix(name, ".env.") && !(strings.HasSuffix(name, ".env") && len(name) > 4) {
		return false
	}
	for _, part := range strings.Split(name, ".") {
		switch part {
		case "in", "vault", "md", "py", "js", "ts", "json", "yml", "yaml", "sh", "txt", "bak", "orig":
			return false
		}
		// docker-compose.local-template.env, .env.demo: a template or a
		// demonstration's, made to be committed
		for _, word := range strings.FieldsFunc(part, func(r rune) bool { return r == '-' || r == '_' }) {
			switch word {
			case "example", "examples", "sample", "samples", "template", "templates", "tmpl", "tpl", "dist", "default",
				"defaults", "schema", "skel", "demo":
				return false
			}
		}
	}
	return true
}

func runCommittedDotenv(p *analysis.Pass) {
	proj := p.Project
	tracked, err := proj.Tracked()
	if err != nil {
		p.Note("%s; committed .env files are judged by .gitignore alone", err)
		tracked = nil
	}
	candidates := map[string]bool{}
	for _, f := range proj.Files {
		if isDotenv(path.Base(f.Path)) {
			candidates[f.Path] = true
		}
	}
	for rel := range tracked {
		// A tracked file the walk left out is reported only when
		// .gitignore is why: --exclude and skipped directories
		// (node_modules, virtualenvs) are the user's choice.
		if isDotenv(path.Base(rel)) && proj.File(rel) == nil && proj.Ignored(rel) {
			candidates[rel] = true
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(candidates)) {
		var data []byte
		if f := proj.File(rel); f != nil {
			data, _ = f.Content()
		} else if d, err := proj.ReadTracked(rel, 1<<20); err == nil {
			data = d
		}
		values, secretLooking := dotenvValues(data)
		isTracked := tracked[rel]
		if values == 0 {
			continue // an empty template: nothing in it to leak
		}
		if copiedByScript(proj, rel) {
			continue // a template that an install script copies or downloads; DJK105 and DJK106 read its values
		}
		var msg string
		switch {
		case isTracked && proj.Ignored(rel):
			msg = rel + " is tracked by git although .gitignore ignores it (it was added before the ignore, or with git add -f)"
		case isTracked:
			msg = rel + " is tracked by git"
		case tracked != nil:
			msg = rel + " is not ignored by .gitignore, so the next `git add .` commits it"
		default:
			msg = rel + " is not ignored by .gitignore, so it is committed with the code"
		}
		d := analysis.Diagnostic{
			Location: report.Location{Path: rel, Line: 1, Column: 1},
			Snippet:  "committed dotenv " + rel,
		}
		base := strings.ToLower(path.Base(rel))
		switch {
		case strings.Contains(base, "test") || strings.Contains(base, "e2e") || strings.HasSuffix(base, ".ci"):
			d.Severity = report.Low
			msg += ": environment files hold secrets; this one looks meant for tests, check that its values are not real"
		case devName(base):
			d.Severity = report.Low
			msg += ": environment files hold secrets; this one looks meant for a developer's machine, check that its values are not real"
		case settings.DevComment(data):
			// "# these variables are only for local development. Do not
			// use them in production.": committed on purpose
			d.Severity = report.Low
			msg += ": environment files hold secrets; this one says in its comments that it is for development only, check that its values are not real"
		case DevStackFile != nil && DevStackFile(p.Project, rel) != "":
			d.Severity = report.Low
			msg += ": environment files hold secrets; " + DevStackFile(p.Project, rel) + ", so it looks meant for a developer's machine, check that its values are not real"
		case secretLooking == 0:
			d.Severity = report.Low
			msg += ": environment files are where secrets go, and this one will hold them once someone adds one"
		default:
			msg += ": its passwords, keys and tokens are readable by everyone with a clone, and stay in the history after the file is removed"
		}
		if classify(rel) == testPath {
			d.Confidence = report.LowConfidence
		}
		d.Message = msg
		p.Report(d)
	}
}

// copyCommandRE matches the commands of a script that copy or download a
// file: the environment file they name is a template for another.
var copyCommandRE = lazyre.New(`\b(cp|curl|wget|install|envsubst|mv|rsync)\b`)

// copiedByScript reports whether a shell script, Makefile or Dockerfile of
// the project copies or downloads the environment file rel by its name
// (cp ./variables.env $DIST/plane.env, curl .../variables.env): the
// file is a template that ships with the code on purpose, as .env.example
// does, and its values are judged by the secrets rules, not its being
// committed.
func copiedByScript(proj *project.Project, rel string) bool {
	base := path.Base(rel)
	var buf []byte
	for _, f := range proj.Files {
		name := strings.ToLower(path.Base(f.Path))
		if !installScript(name) {
			continue
		}
		data, err := f.Peek(&buf)
		if err != nil || path.Ext(name) == "" && name != "makefile" && !strings.HasPrefix(name, "dockerfile") && !shellScript(f.Path, data) || !bytes.Contains(data, []byte(base)) {
			continue
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			if namesFile(line, base) && copyCommandRE().Match(line) {
				return true
			}
		}
	}
	return false
}

// installScript reports a file that may install the project by its name:
// a shell script (.sh, or no extension: bw-dev, which its #! line then
// confirms), a Makefile or a Dockerfile.
func installScript(name string) bool {
	return strings.HasSuffix(name, ".sh") || name == "makefile" || strings.HasPrefix(name, "dockerfile") ||
		path.Ext(name) == "" && !strings.HasPrefix(name, ".")
}

// namesFile reports whether line names the file base as a whole: not
// ".env" inside "plane.env", nor "web.env" inside "web.env.example".
func namesFile(line []byte, base string) bool {
	part := func(c byte) bool {
		return c == '.' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte(base))
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(base)
		if (start == 0 || !part(line[start-1])) && (end == len(line) || !part(line[end])) {
			return true
		}
		i = start + 1
	}
}

// publicBuildVar reports a variable a front-end build puts into the
// JavaScript it ships (VITE_, NEXT_PUBLIC_, REACT_APP_): whatever it holds
// is public, so it is no secret to leak.
func publicBuildVar(lowerName string) bool {
	for _, p := range []string{"vite_", "next_public_", "react_app_", "vue_app_", "expo_public_", "gatsby_", "public_"} {
		if strings.HasPrefix(lowerName, p) {
			return true
		}
	}
	return false
}

// namesItsKind reports a value that is the last word of its name with at
// most a short prefix: INVENTREE_DB_PASSWORD=pgpassword, API_TOKEN=mytoken.
// Such a value says what belongs there; it is a default to change.
func namesItsKind(key, value string) bool {
	words := strings.FieldsFunc(strings.ToLower(key), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	if len(words) == 0 {
		return false
	}
	last, v := words[len(words)-1], strings.ToLower(value)
	return len(last) >= 3 && strings.HasSuffix(v, last) && len(v)-len(last) <= 3
}

// devName reports the name of an environment file for a developer's
// machine: docker.dev.env, .env.development. A .env.local is left out:
// it often holds a developer's real keys to outside services.
func devName(base string) bool {
	return project.HasNameWord(base, "dev", "development", "devel")
}

// dotenvValues counts the assignments with a value in a .env file, and
// those whose name says they hold a secret.
func dotenvValues(data []byte) (values, secretLooking int) {
	pairs := dotenvPairs(data)
	names := accountNames(pairs)
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		values++
		if strings.Contains(v, "://") && !uriWithPassword(v) {
			// A URL without a password, or with a placeholder or the
			// user name as password (postgres://shop:shop@db/shop):
			// nothing secret.
			continue
		}
		lk := strings.ToLower(k)
		if publicBuildVar(lk) {
			continue // bundled into the front end's JavaScript: public by design
		}
		if lv := strings.ToLower(v); flagValue(lv) || defaultPasswords[lv] || placeholderPasswords[lv] || mapping(v) || nameWords(lk, lv) {
			// AUTH_LDAP_ALWAYS_UPDATE_USER=true, POSTGRES_PASSWORD=postgres,
			// AUTH_LDAP_USER_ATTR_MAP=username=cn,email=mail,
			// SECRET_KEY_FILENAME=SECRET_KEY: a switch, a local service's
			// well-known default, a mapping, the name's own words
			continue
		}
		lk = strings.NewReplacer("keyword", "", "keyboard", "").Replace(lk)
		for _, w := range []string{"password", "passwd", "secret", "token", "key", "credential", "dsn", "_url", "auth"} {
			if strings.Contains(lk, w) && !isPlaceholder(v, false) && !namesItsKind(k, v) && !names[strings.ToLower(v)] {
				secretLooking++
				break
			}
		}
	}
	return values, secretLooking
}

// flagValue reports a value that is a switch or a number (true, off,
// 4, 60.5): nothing secret, whatever its name says.
func flagValue(v string) bool {
	switch v {
	case "true", "false", "yes", "no", "on", "off", "none", "null":
		return true
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

// mapping reports a value that is a list of key=value pairs
// (username=cn,email=mail): a configuration map, not a secret.
func mapping(v string) bool {
	return strings.Count(v, "=") >= 2 && strings.Contains(v, ",")
}

// nameWords reports a value made only of words of its name, lower case:
// secret_key_filename=secret_key.
func nameWords(name, value string) bool {
	words := project.NameWords(name)
	vs := strings.FieldsFunc(value, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
	for _, w := range vs {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return len(vs) > 0
}

// dotenvPairs returns the name and value of each assignment with a value
// in a .env file, quotes taken off.
func dotenvPairs(data []byte) [][2]string {
	var out [][2]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		if v != "" {
			out = append(out, [2]string{strings.TrimSpace(k), v})
		}
	}
	return out
}

// accountNames returns, in lower case, the values a .env file gives its
// user and database names (POSTGRES_USER=shop, POSTGRES_DB=shop): a
// password that is one of them again (POSTGRES_PASSWORD=shop) is the
// default of a local database, like postgres://shop:shop@db/shop.
func accountNames(pairs [][2]string) map[string]bool {
	out := map[string]bool{}
	for _, kv := range pairs {
		words := strings.FieldsFunc(strings.ToLower(kv[0]), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
		if len(words) == 0 {
			continue
		}
		switch words[len(words)-1] {
		case "user", "username", "login", "db", "database", "name", "dbname":
			out[strings.ToLower(kv[1])] = true
		}
	}
	return out
}

// uriWithPassword reports whether a URL holds a password that may be real:
// not empty, not a placeholder, not a well-known default, not the user
// name again.
func uriWithPassword(v string) bool {
	u, err := url.Parse(v)
	if err != nil || u.User == nil {
		return err != nil // unparseable: judge it by its name as before
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" {
		return false
	}
	lpw := strings.ToLower(pw)
	return !isPlaceholder(pw, false) && lpw != strings.ToLower(u.User.Username()) &&
		!defaultPasswords[lpw] && !placeholderPasswords[lpw] && !placeholderPasswords[unleet(lpw)]
}
