package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSPoodle finds servers that accept SSLv3 with CBC suites (POODLE).
var TLSPoodle = &analysis.Rule{
	ID: "DJL139", Name: "tls-poodle",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{310, 327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts SSLv3 with CBC cipher suites (POODLE, CVE-2014-3566)",
		What: "djsec sends an SSLv3 ClientHello (Go cannot): when the server accepts SSLv3, it offers only CBC suites and lists those chosen. " +
			"SSLv3 itself, whatever the suite, is obsolete (RFC 7568).",
		Why: "SSLv3's CBC padding is not covered by the MAC: a man in the middle who can make the browser send requests recovers a cookie with " +
			"about 256 requests per byte (POODLE). Together with a missing TLS_FALLBACK_SCSV, any client can be pushed down to SSLv3.",
		Bad:  "ssl_protocols SSLv3 TLSv1 TLSv1.1 TLSv1.2;",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;",
		Fix:  "Remove SSLv3 (nginx: ssl_protocols TLSv1.2 TLSv1.3;) and reload nginx; on a load balancer, choose a TLS 1.2+ policy.",
		References: []string{
			"https://www.openssl.org/~bodo/ssl-poodle.pdf",
			"https://nvd.nist.gov/vuln/detail/CVE-2014-3566",
			"https://datatracker.ietf.org/doc/html/rfc7568",
		},
	},
	Run: runTLSPoodle,
}

func runTLSPoodle(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "poodle")
	if bad {
		reportVuln(p, s, r, "poodle", r.Detail+" (POODLE)", 0)
	}
}
