package secrets

import (
	"net"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// CredentialsInConnectionURI reports database, cache, broker and other
// service URIs that carry a password.
var CredentialsInConnectionURI = &analysis.Rule{
	ID:         "DJK106",
	Name:       "credentials-in-connection-uri",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{798},
	Checklist:  []int{1, 3, 4},
	Doc: analysis.Doc{
		Title: "Password in a database, cache or broker URI",
		What: "URIs of PostgreSQL, MySQL/MariaDB, MongoDB (including mongodb+srv), Redis, AMQP (RabbitMQ), " +
			"SQL Server, Oracle, LDAP, SMTP, FTP and HTTP(S) that hold user:password@host, in any text file: " +
			"DATABASE_URL in .env, CELERY_BROKER_URL in settings, docker-compose environments, CI files. " +
			"Placeholders (user:password@, ${DB_PASSWORD}, {password}, <password>, %s) are left alone, and so are " +
			"well-known development defaults on a local host or a compose service (postgres:postgres@localhost, " +
			"guest:guest@rabbitmq), and GitHub's fixed x-oauth-basic, unless the user part beside it is a token. Any other password to the developer's own machine (localhost, 127.0.0.1) is a " +
			"development one: low severity. Tests and documentation are skipped." + devFileWhat,
		Why: "The URI is the whole credential: host, user and password. Whoever reads it connects to the database " +
			"or the broker directly, around every check the application makes.",
		Bad:  "DATABASE_URL=postgres://shop:EXAMPLE-Zq8vR3nT6wLx@db.internal.example.com:5432/shop",
		Good: "DATABASE_URL=postgres://shop:${DB_PASSWORD}@db.internal.example.com:5432/shop",
		Fix: "Change the password on the server, then pass it to the application from the environment or a secrets " +
			"manager (dj-database-url reads DATABASE_URL from the environment; compose files can use secrets or ${VAR}).",
		References: []string{
			"https://github.com/jazzband/dj-database-url",
			"https://docs.docker.com/compose/how-tos/use-secrets/",
			"https://cwe.mitre.org/data/definitions/798.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runFamily,
}

var uriDetectors = []*Detector{
	{
		ID: "connection-uri-password", Description: "password in a connection URI",
		AtKey: true,
		Regex: `(?i)\b(?P<scheme>postgres(?:ql)?|postgis|mysql2?|mariadb|mongodb(?:\+srv)?|rediss?|redis\+sentinel|amqps?|` +
			`mssql|sqlserver|oracle|cockroachdb|clickhouse|ldaps?|smtps?|ftps?|sftp|https?)(?:\+[a-z0-9]+)?://` +
			`(?P<user>[^:/@\s"'<>{}]*):(?P<secret>[^@/\s"'<>]+)@(?P<host>[^\s"'/:?#@<>]+)`,
		Keywords:    []string{"://"},
		Ahead:       uriPasswordAhead,
		SkipInTests: true,
		Placeholder: func(string) bool { return false }, // checkURI decides
		Check:       checkURI,
	},
}

// uriPasswordAhead is a cheap test of what connection-uri-password's regex
// needs after "://": a user name, a colon, a password and an at sign, with
// no slash, space, quote or angle bracket between them. Most URIs (links)
// fail it.
func uriPasswordAhead(s string) bool {
	i := strings.Index(s, "://")
	if i < 0 {
		return false
	}
	i += len("://")
	for i < len(s) && !strings.ContainsRune(":/@ \t\n\f\r\"'<>{}", rune(s[i])) {
		i++
	}
	if i >= len(s) || s[i] != ':' {
		return false
	}
	i++
	j := i
	for j < len(s) && !strings.ContainsRune("@/ \t\n\f\r\"'<>", rune(s[j])) {
		j++
	}
	return j > i && j < len(s) && s[j] == '@'
}

// placeholderPasswords stand for a password in documentation.
var placeholderPasswords = map[string]bool{
	"password": true, "pass": true, "passwd": true, "pwd": true, "pw": true, "p": true, "x": true, "secret": true,
	"user": true, "username": true, "changeme": true, "example": true, "mypassword": true, "pass123": true,
	"supersecret": true, "mysecret": true, "topsecret": true, "secretpassword": true, "letmein": true, "qwerty": true,
	"asdf": true, "asdfasdf": true, "asdfgh": true, "foobar": true,
}

// defaultPasswords are the passwords of development images and tutorials:
// harmless on a developer's machine, a finding on a real host.
var defaultPasswords = map[string]bool{
	"postgres": true, "root": true, "guest": true, "admin": true, "mysql": true, "redis": true, "rabbitmq": true,
	"mongo": true, "mongodb": true, "test": true, "dev": true, "docker": true, "django": true, "default": true,
}

var schemeNames = map[string]string{
	"postgres": "PostgreSQL", "postgresql": "PostgreSQL", "postgis": "PostGIS", "mysql": "MySQL", "mysql2": "MySQL",
	"mariadb": "MariaDB", "mongodb": "MongoDB", "mongodb+srv": "MongoDB", "redis": "Redis", "rediss": "Redis",
	"redis+sentinel": "Redis", "amqp": "AMQP", "amqps": "AMQP", "mssql": "SQL Server", "sqlserver": "SQL Server",
	"oracle": "Oracle", "cockroachdb": "CockroachDB", "clickhouse": "ClickHouse", "ldap": "LDAP", "ldaps": "LDAP",
	"smtp": "SMTP", "smtps": "SMTP", "ftp": "FTP", "ftps": "FTP", "sftp": "SFTP", "http": "HTTP", "https": "HTTP",
}

func checkURI(m *match) bool {
	scheme, user, host := strings.ToLower(m.group("scheme")), m.group("user"), strings.ToLower(m.group("host"))
	pw := m.secret
	lpw := strings.ToLower(pw)
	switch {
	case !strings.ContainsFunc(user, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) && user != "",
		// http://-.~_!$&()*+,;=:%40@example.com: a URL parser's test
		// case of the characters a user part may hold, not a login
		isPlaceholder(pw, false),
		strings.HasPrefix(pw, "$"), strings.Contains(pw, "${"), strings.Contains(pw, "$("), // shell variables
		strings.Contains(pw, "%s"), strings.Contains(pw, "%("), strings.Contains(pw, "{"), // format strings
		strings.Contains(pw, "**"),
		lpw == strings.ToLower(user),
		placeholderPasswords[lpw], placeholderPasswords[unleet(lpw)],
		strings.Contains(lpw, "password"), strings.Contains(lpw, "passwd"):
		return false
	}
	if lpw == "x-oauth-basic" {
		// https://TOKEN:x-oauth-basic@github.com/...: GitHub's fixed
		// word, where the user part is the secret when it is a token
		if !tokenLike(user) {
			return false
		}
		m.secret = user
		m.desc = "access token in a URI (the user part, beside GitHub's x-oauth-basic)"
		m.note = "; the URI logs in to " + host
		return true
	}
	if defaultPasswords[lpw] || len(pw) < 4 {
		if localHost(host) {
			return false
		}
		m.confidence = report.MediumConfidence
		m.note = "; the password is a well-known default"
	} else if loopback(host) {
		// A database on the developer's own machine: the password is
		// a development one, useless elsewhere unless reused.
		m.confidence = report.MediumConfidence
		m.severity = report.Low
		m.note = "; a development password, but do not reuse it in production"
	} else if localHost(host) {
		m.confidence = report.MediumConfidence
	}
	if n, ok := schemeNames[strings.SplitN(scheme, "+", 2)[0]]; ok {
		m.desc = n + " password in a connection URI"
	}
	where := "; the URI logs in to " + host
	if user != "" {
		where = "; the URI logs in as " + user + " to " + host
	}
	m.note = where + m.note
	return true
}

// tokenLike reports a user part that can be an access token: 20
// characters or more, with letters and digits.
func tokenLike(user string) bool {
	return len(user) >= 20 && strings.ContainsFunc(user, unicode.IsLetter) && strings.ContainsFunc(user, unicode.IsDigit)
}

// localHost reports hosts that only exist on a developer's machine or
// inside a compose network: loopback and single-label service names.
func localHost(h string) bool {
	if h == "localhost" || h == "host.docker.internal" || strings.HasSuffix(h, ".local") {
		return true
	}
	if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	return !strings.Contains(h, ".")
}

// loopback reports hosts on the developer's own machine.
func loopback(h string) bool {
	if h == "localhost" || h == "host.docker.internal" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(h, "[]"))
	return ip != nil && ip.IsLoopback()
}

// unleet undoes the digit-for-letter spelling of documentation passwords
// ("s3cret", "p4ssw0rd").
func unleet(s string) string {
	return leet.Replace(s)
}

var leet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "@", "a", "$", "s")
