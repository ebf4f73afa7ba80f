package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSLowCipher finds servers that accept single-DES suites (56-bit keys).
var TLSLowCipher = &analysis.Rule{
	ID: "DJL143", Name: "tls-low-cipher-accepted",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts low-grade TLS cipher suites (single DES, 56-bit keys)",
		What: "djsec offers only the single-DES suites that are neither export nor anonymous (TLS_RSA_WITH_DES_CBC_SHA, TLS_DHE_RSA_WITH_DES_CBC_SHA, " +
			"TLS_DHE_DSS_WITH_DES_CBC_SHA and the static DH ones: testssl.sh's LOW list less RC4, which DJL102 reports) at each protocol version the " +
			"server accepts up to TLS 1.2, best first, and lists the ones it chooses (at most 4). Go's crypto/tls cannot offer these suites, so this " +
			"test is made by hand. Export suites are DJL136's and DJL137's, anonymous ones DJL142's.",
		Why: "DES has a 56-bit key: one session's key is found by brute force in about a day on rented hardware, after which the recorded " +
			"traffic, session cookies included, can be read. Its 64-bit block also makes it open to SWEET32 (DJL135).",
		Bad:  "ssl_ciphers ALL:LOW:@SECLEVEL=0;",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix: "Use the Mozilla \"intermediate\" cipher list in nginx's ssl_ciphers, or at least append :!LOW:!DES:!RC4 to the one you have, and " +
			"reload nginx; OpenSSL 1.1.0 and later no longer build single DES at all.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://www.rfc-editor.org/rfc/rfc5469",
			"https://cwe.mitre.org/data/definitions/327.html",
		},
	},
	Run: runTLSLowCipher,
}

func runTLSLowCipher(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "low")
	if bad {
		reportVuln(p, s, r, "low", r.Detail+": a 56-bit DES key can be found by brute force", 0)
	}
}
