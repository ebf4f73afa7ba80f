package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSFreak finds servers that accept RSA export suites (FREAK).
var TLSFreak = &analysis.Rule{
	ID: "DJL136", Name: "tls-freak",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{310, 327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts RSA export cipher suites (FREAK, CVE-2015-0204)",
		What: "djsec offers only the RSA export suites (EXP-RC4-MD5, EXP-DES-CBC-SHA, the EXPORT1024 ones...) at each protocol version the " +
			"server accepts up to TLS 1.2 and reports the ones it chooses.",
		Why: "Export suites use 512-bit RSA keys, factored in hours on rented machines. A man in the middle can make a vulnerable client accept " +
			"one and then read and change the whole session (FREAK).",
		Bad:  "ssl_ciphers ALL:EXPORT:@SECLEVEL=0;",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix: "Use the Mozilla \"intermediate\" cipher list in nginx's ssl_ciphers (or at least append :!EXPORT) and upgrade OpenSSL: since 1.1.0 it " +
			"has no export suites at all.",
		References: []string{
			"https://freakattack.com/",
			"https://nvd.nist.gov/vuln/detail/CVE-2015-0204",
		},
	},
	Run: runTLSFreak,
}

func runTLSFreak(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "freak")
	if bad {
		reportVuln(p, s, r, "freak", r.Detail+": 512-bit RSA export keys can be factored (FREAK)", 0)
	}
}
