package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSNullCipher finds servers that accept cipher suites without
// encryption (eNULL).
var TLSNullCipher = &analysis.Rule{
	ID: "DJL141", Name: "tls-null-cipher-accepted",
	Severity: report.Critical, Confidence: report.HighConfidence,
	CWE: []int{319}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts TLS cipher suites without encryption (NULL ciphers)",
		What: "djsec offers only the NULL-encryption suites (TLS_RSA_WITH_NULL_SHA, TLS_RSA_WITH_NULL_SHA256, TLS_ECDHE_RSA_WITH_NULL_SHA...) at each " +
			"protocol version the server accepts up to TLS 1.2, best first, and lists the ones it chooses (at most 4). Go's crypto/tls cannot offer " +
			"these suites, so this test is made by hand.",
		Why: "A NULL suite authenticates the records but does not encrypt them: passwords, session cookies and personal data cross the network " +
			"in clear, readable by anyone on the path. A client or middlebox that offers one, or a man in the middle who can steer the choice, gets " +
			"a connection that looks secure and is not.",
		Bad:  "ssl_ciphers ALL:eNULL:@SECLEVEL=0;",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix: "Use the Mozilla \"intermediate\" cipher list in nginx's ssl_ciphers, or at least append :!eNULL:!NULL to the one you have, and " +
			"reload nginx. Look for the same in the load balancer or CDN that ends TLS in front of it.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://www.rfc-editor.org/rfc/rfc9325#section-4.1",
			"https://cwe.mitre.org/data/definitions/319.html",
		},
	},
	Run: runTLSNullCipher,
}

func runTLSNullCipher(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "null")
	if bad {
		reportVuln(p, s, r, "null", r.Detail+": such a connection carries everything in clear", 0)
	}
}
