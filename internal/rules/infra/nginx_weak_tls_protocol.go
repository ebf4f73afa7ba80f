package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// NginxWeakTLSProtocol finds ssl_protocols that enable SSL or TLS versions
// older than 1.2.
var NginxWeakTLSProtocol = &analysis.Rule{
	ID: "DJI101", Name: "nginx-weak-tls-protocol",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{326, 327}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx enables SSL or TLS versions older than 1.2",
		What: "Reports an ssl_protocols directive (in http, server or stream context) that lists SSLv2, SSLv3, " +
			"TLSv1 or TLSv1.1. A configuration without ssl_protocols is left alone: nginx 1.23.4 and later " +
			"default to TLSv1.2 and TLSv1.3.",
		Why: "SSLv3 is broken (POODLE); TLS 1.0 and 1.1 are deprecated by RFC 8996, rely on SHA-1 and CBC " +
			"constructions with known attacks (BEAST, Lucky13), and are refused by current browsers. Offering them " +
			"lets an attacker in the path downgrade clients that still speak them.",
		Bad:  "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;",
		Fix:  "Set ssl_protocols TLSv1.2 TLSv1.3; in the http block (and in any server that sets its own).",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols",
			"https://ssl-config.mozilla.org/",
			"https://www.rfc-editor.org/rfc/rfc8996",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			c.walkAll(func(d *inf.Directive) {
				if d.Name != "ssl_protocols" {
					return
				}
				var weak []string
				sev := report.SeverityUnset
				for _, a := range d.Args {
					switch strings.ToLower(a) {
					case "sslv2", "sslv3":
						weak = append(weak, a)
						sev = report.High
					case "tlsv1", "tlsv1.1":
						weak = append(weak, a)
					}
				}
				if len(weak) == 0 {
					return
				}
				pass.Report(analysis.Diagnostic{Location: loc(d), Severity: sev,
					Message: "ssl_protocols enables " + strings.Join(weak, " and ") +
						", protocol versions with known attacks that current browsers no longer use; keep TLSv1.2 and TLSv1.3 only"})
			})
		}
	},
}
