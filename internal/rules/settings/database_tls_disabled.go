package settings

import (
	"net/url"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// insecureTLS says whether an option turns TLS off or stops it from
// checking the server's certificate, and how.
func insecureTLS(key string, v *st.Value) string {
	k := strings.ToLower(key)
	s := ""
	switch v.Kind {
	case st.Str:
		s = strings.ToLower(v.S)
	case st.Bool:
		s = map[bool]string{true: "true", false: "false"}[v.B]
	default:
		return ""
	}
	switch {
	case k == "sslmode" && (s == "disable" || s == "allow"):
		return "sslmode=" + s + " lets the connection run without TLS"
	case k == "ssl_mode" && s == "disabled":
		return "ssl_mode=DISABLED turns TLS off"
	case (k == "ssl" || k == "tls") && s == "false":
		return k + "=false turns TLS off"
	case (k == "tlsallowinvalidcertificates" || k == "tlsinsecure" || k == "tlsallowinvalidhostnames") && s == "true":
		return key + "=true stops TLS from checking the server"
	case k == "ssl_cert_reqs" && (s == "none" || s == "cert_none"):
		return "ssl_cert_reqs=" + v.S + " stops TLS from checking the server"
	}
	return ""
}

// DatabaseTLSDisabled finds database and store connections that turn TLS off.
var DatabaseTLSDisabled = &analysis.Rule{
	ID: "DJS404", Name: "database-tls-disabled",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319, 295}, Checklist: []int{2, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A database connection turns TLS off or does not verify it",
		What: "Reports DATABASES OPTIONS and connection strings in any setting (MongoDB, Redis, PostgreSQL URLs) " +
			"with sslmode=disable or allow, ssl_mode=DISABLED, ssl=false, tls=false, tlsInsecure=true, " +
			"tlsAllowInvalidCertificates=true or ssl_cert_reqs=none, when the host is another machine.",
		Why: "Database traffic then crosses the network in clear text (or to any server that claims to be the " +
			"database): passwords, personal data and session contents can be read or changed on the way.",
		Bad:  "DATABASES = {\"default\": {..., \"HOST\": \"db.internal\", \"OPTIONS\": {\"sslmode\": \"disable\"}}}",
		Good: "DATABASES = {\"default\": {..., \"HOST\": \"db.internal\", \"OPTIONS\": {\"sslmode\": \"verify-full\"}}}",
		Fix:  "Require TLS with certificate verification: sslmode=verify-full for PostgreSQL, ssl_mode=VERIFY_IDENTITY for MySQL, tls=true without the insecure options for MongoDB.",
		References: []string{
			"https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION",
			"https://www.mongodb.com/docs/manual/reference/connection-string-options/#tls-options",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, d := range databases(e) {
				if d.sqlite() {
					continue
				}
				for _, key := range []string{"OPTIONS", "CLIENT"} {
					d.insecureOptions(r, key)
				}
			}
			eachSetting(e, func(name string, c st.Case) {
				walkStrings(c, name, func(path string, s st.Case) {
					if name == "DATABASES" && strings.HasSuffix(path, `["URL"]`) {
						return // parsed into OPTIONS, checked above
					}
					u, err := url.Parse(s.V.S)
					if err != nil || u.Scheme == "" || u.Host == "" || localHost(u.Hostname()) {
						return
					}
					q := u.Query()
					keys := make([]string, 0, len(q))
					for k := range q {
						keys = append(keys, k)
					}
					sort.Strings(keys)
					for _, k := range keys {
						if why := insecureTLS(k, &st.Value{Kind: st.Str, S: q[k][0]}); why != "" {
							r.at(s, path+": "+why+s.When())
							return
						}
					}
				})
			})
		})
	},
}

// insecureOptions reports the TLS options of a database entry's OPTIONS (or
// djongo's CLIENT) dict that turn TLS off, unless the host is local.
func (d database) insecureOptions(r *reporter, key string) {
	if h, ok := d.field("HOST"); !ok || localHost(h.V.S) {
		if key == "OPTIONS" {
			return
		}
	}
	opts, ok := st.Check(d.v.Get(key), func(v *st.Value) bool { return v.Kind == st.Dict })
	if !ok {
		return
	}
	if key == "CLIENT" {
		h, ok := st.Check(opts.V.Get("host"), func(v *st.Value) bool { return v.Kind == st.Str })
		if !ok || localHost(h.V.S) {
			return
		}
		if u, err := url.Parse(h.V.S); err == nil && u.Host != "" && localHost(u.Hostname()) {
			return
		}
	}
	for i, k := range opts.V.Keys {
		c, ok := st.Resolve(opts.V.Elems[i])
		if k.Kind != st.Str || !ok {
			continue
		}
		if why := insecureTLS(k.S, c.V); why != "" {
			c.Vars = append(c.Vars, d.c.Vars...)
			r.at(c, "database \""+d.alias+"\": "+why+c.When())
		}
	}
}
