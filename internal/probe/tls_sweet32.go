package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSSweet32 finds servers that accept 64-bit block ciphers (SWEET32).
var TLSSweet32 = &analysis.Rule{
	ID: "DJL135", Name: "tls-sweet32",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts 64-bit block ciphers: 3DES, DES, IDEA, RC2 (SWEET32, CVE-2016-2183)",
		What: "djsec offers only the suites whose cipher has a 64-bit block (3DES, DES, IDEA, RC2, export ones included), at each protocol version " +
			"the server accepts up to TLS 1.2, best first, and lists the ones it chooses (at most 8). Go's crypto/tls knows only two of these " +
			"suites, so this test is made by hand; DJL102 leaves 3DES to it once it has run.",
		Why: "With a 64-bit block, collisions appear after about 32 GiB under one key: an attacker who makes a browser send many requests over one " +
			"long connection recovers a session cookie from them (SWEET32, CVE-2016-2183, CVE-2016-6329).",
		Bad:  "ssl_ciphers HIGH:!aNULL:!MD5;   # still includes DES-CBC3-SHA on OpenSSL 1.0.2",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix: "Use the Mozilla \"intermediate\" cipher list in nginx's ssl_ciphers (no 3DES, DES, IDEA or RC2), or at least append :!3DES:!DES:!IDEA:!RC2, " +
			"and reload nginx.",
		References: []string{
			"https://sweet32.info/",
			"https://nvd.nist.gov/vuln/detail/CVE-2016-2183",
			"https://ssl-config.mozilla.org/",
		},
	},
	Run: runTLSSweet32,
}

func runTLSSweet32(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "sweet32")
	if bad {
		reportVuln(p, s, r, "sweet32", r.Detail+": a 64-bit block leaks plaintext over long sessions (SWEET32)", 0)
	}
}
