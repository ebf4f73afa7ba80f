package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSWeakCurve finds elliptic curves under 128 bits of security.
var TLSWeakCurve = &analysis.Rule{
	ID: "DJL123", Name: "tls-curve-weak",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{326}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts elliptic curves weaker than 128 bits of security",
		What: "djsec offers ECDHE with one named group at a time: in hand-made ClientHellos at TLS 1.2 and older (so curves Go does not implement, " +
			"such as secp160r1, secp192r1 and secp224r1, can be offered) and with Go's client at TLS 1.3. A curve under 256 bits that the server " +
			"picks is reported. The curves it accepts, and the one it picks when offered everything, are listed in the TLS grade's reasons.",
		Why: "Curves under 224 bits are below 112 bits of security (NIST SP 800-57 retired them in 2010); a client that offers only such a " +
			"curve, or an attacker who can strip the others from its hello, gets a key exchange that does not protect the session for long.",
		Bad:  "ssl_ecdh_curve secp192r1:prime256v1;",
		Good: "ssl_ecdh_curve X25519:prime256v1:secp384r1;",
		Fix:  "Set ssl_ecdh_curve X25519:prime256v1:secp384r1; in nginx (or leave it at its default, auto, with OpenSSL 1.1 or newer).",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ecdh_curve",
			"https://datatracker.ietf.org/doc/html/rfc8422",
		},
	},
	Run: runTLSWeakCurve,
}

func runTLSWeakCurve(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	for _, g := range info.Groups.Curves {
		ng, ok := namedGroups[g]
		if !ok || ng.bits >= 128 || g >= 256 {
			continue
		}
		p.Report(analysis.Diagnostic{
			Location:   s.tlsLocation(),
			Message:    fmt.Sprintf("the server accepts ECDHE with %s, a curve of about %d bits of security (128 is the minimum)", ng.name, ng.bits),
			Snippet:    ng.name,
			Properties: map[string]any{"curve": ng.name, "security_bits": ng.bits},
		})
	}
}
