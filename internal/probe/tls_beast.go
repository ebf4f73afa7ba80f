package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tlsraw"
)

// TLSBeast finds CBC suites under TLS 1.0 or SSLv3 (BEAST).
var TLSBeast = &analysis.Rule{
	ID: "DJL138", Name: "tls-beast",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{20, 327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts CBC cipher suites under TLS 1.0 or SSLv3 (BEAST, CVE-2011-3389)",
		What: "For TLS 1.0 and SSLv3, when accepted, djsec offers only the CBC suites and lists the ones the server chooses (at most 12 per " +
			"version). Low when the server also accepts TLS 1.1 or newer, which every current browser uses, and medium when TLS 1.0 is its best.",
		Why: "In TLS 1.0 and SSLv3 the CBC initialization vector is predictable: an attacker who can run script in the victim's browser and watch " +
			"the network can recover a cookie byte by byte (BEAST). Browsers split records to mitigate it, but only TLS 1.1+ removes it.",
		Bad:  "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;",
		Fix:  "Accept only TLS 1.2 and 1.3 (nginx: ssl_protocols TLSv1.2 TLSv1.3;), which also settles DJL101.",
		References: []string{
			"https://nvd.nist.gov/vuln/detail/CVE-2011-3389",
			"https://datatracker.ietf.org/doc/html/rfc8996",
		},
	},
	Run: runTLSBeast,
}

func runTLSBeast(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "beast")
	if !bad {
		return
	}
	var sev report.Severity
	if acc, _ := s.tlsScannerVersions(); !acc[tlsraw.VersionTLS11] && !acc[tlsraw.VersionTLS12] && !acc[tlsraw.VersionTLS13] {
		sev = report.Medium
	}
	reportVuln(p, s, r, "beast", r.Detail+" (BEAST)", sev)
}
