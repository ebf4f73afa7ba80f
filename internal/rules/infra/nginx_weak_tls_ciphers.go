package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// weakCipherWords are OpenSSL cipher-string words and name parts that
// select broken or unauthenticated cipher suites.
var weakCipherWords = []string{"RC4", "DES", "3DES", "MD5", "NULL", "ENULL", "ANULL", "EXPORT", "EXP", "LOW", "ADH", "AECDH", "IDEA", "SEED", "RC2", "PSK", "SRP"}

// NginxWeakTLSCiphers finds ssl_ciphers that enable broken cipher suites.
var NginxWeakTLSCiphers = &analysis.Rule{
	ID: "DJI102", Name: "nginx-weak-tls-ciphers",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{326, 327}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx enables broken TLS cipher suites",
		What: "Reports an ssl_ciphers directive whose cipher string selects RC4, DES or 3DES, MD5, NULL " +
			"(no encryption), anonymous (aNULL, ADH) or EXPORT suites, or lowers OpenSSL's security level with " +
			"@SECLEVEL=0, without excluding them with '!'. A cipher string that excludes them, or no ssl_ciphers " +
			"at all (nginx's default HIGH:!aNULL:!MD5), is left alone.",
		Why: "These suites are broken (RC4, export-grade, NULL) or weak (3DES, Sweet32): an attacker who can " +
			"steer the handshake decrypts or forges traffic, session cookies included.",
		Bad:  "ssl_ciphers ALL:RC4+RSA:+HIGH:+MEDIUM;",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305;",
		Fix:  "Use the cipher list of Mozilla's intermediate configuration, or leave ssl_ciphers out to get nginx's default.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			c.walkAll(func(d *inf.Directive) {
				if d.Name != "ssl_ciphers" || len(d.Args) == 0 {
					return
				}
				if weak := weakCiphers(d.Arg(0)); len(weak) > 0 {
					pass.Reportf(loc(d), "ssl_ciphers enables %s: broken or unauthenticated cipher suites that let an attacker in the path read or forge traffic", strings.Join(weak, ", "))
				}
			})
		}
	},
}

// weakCiphers returns the parts of an OpenSSL cipher string that enable
// weak suites and are not excluded with '!' elsewhere in the string.
func weakCiphers(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ' ' || r == ',' })
	excluded := map[string]bool{}
	for _, p := range parts {
		if strings.HasPrefix(p, "!") {
			excluded[strings.ToUpper(strings.TrimPrefix(p, "!"))] = true
		}
	}
	var out []string
	for _, p := range parts {
		if strings.HasPrefix(p, "!") || strings.HasPrefix(p, "-") {
			continue
		}
		up := strings.ToUpper(strings.TrimPrefix(p, "+"))
		if strings.HasPrefix(up, "@SECLEVEL=0") {
			out = append(out, p)
			continue
		}
		for _, w := range strings.FieldsFunc(up, func(r rune) bool { return r == '-' || r == '+' }) {
			if w == "DES" && strings.Contains(up, "CBC3") {
				w = "3DES"
			}
			if contains(weakCipherWords, w) && !excluded[w] && !(w == "NULL" && excluded["ENULL"] && excluded["ANULL"]) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
