package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSAnonCipher finds servers that accept anonymous cipher suites
// (aNULL), which do not authenticate the server.
var TLSAnonCipher = &analysis.Rule{
	ID: "DJL142", Name: "tls-anonymous-cipher-accepted",
	Severity: report.Critical, Confidence: report.HighConfidence,
	CWE: []int{287, 322}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts anonymous TLS cipher suites (aNULL: no authentication)",
		What: "djsec offers only the anonymous suites (TLS_DH_anon_* and TLS_ECDH_anon_*, such as TLS_DH_anon_WITH_AES_128_GCM_SHA256 or " +
			"TLS_ECDH_anon_WITH_AES_256_CBC_SHA) at each protocol version the server accepts up to TLS 1.2, best first, and lists the ones it " +
			"chooses (at most 4). Go's crypto/tls cannot offer these suites, so this test is made by hand.",
		Why: "An anonymous suite runs a Diffie-Hellman key exchange that nothing signs: the server sends no certificate, so the client cannot " +
			"tell it from a man in the middle, who completes one exchange with each side and reads and changes everything (CWE-322).",
		Bad:  "ssl_ciphers ALL:@SECLEVEL=0;   # OpenSSL's ALL includes ADH and AECDH",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix: "Use the Mozilla \"intermediate\" cipher list in nginx's ssl_ciphers, or at least append :!aNULL to the one you have, and reload " +
			"nginx. Look for the same in the load balancer or CDN that ends TLS in front of it.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://www.rfc-editor.org/rfc/rfc9325#section-4.1",
			"https://cwe.mitre.org/data/definitions/322.html",
		},
	},
	Run: runTLSAnonCipher,
}

func runTLSAnonCipher(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "anon")
	if bad {
		reportVuln(p, s, r, "anon", r.Detail+": nothing authenticates the server, so a man in the middle can read and change the session", 0)
	}
}
