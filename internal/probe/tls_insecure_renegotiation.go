package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSInsecureRenegotiation finds servers without RFC 5746 secure
// renegotiation (CVE-2009-3555).
var TLSInsecureRenegotiation = &analysis.Rule{
	ID: "DJL132", Name: "tls-insecure-renegotiation",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{310, 345}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server does not support secure renegotiation (RFC 5746, CVE-2009-3555)",
		What: "djsec sends a ClientHello at the best version the server accepts up to TLS 1.2 with the TLS_EMPTY_RENEGOTIATION_INFO_SCSV " +
			"suite value. A server that implements RFC 5746 answers with an empty renegotiation_info extension; one that does not is reported. " +
			"A server that accepts only TLS 1.3 (which has no renegotiation) is not vulnerable.",
		Why: "Without RFC 5746, a man in the middle can splice its own request in front of a victim's renegotiated session: the server sees one " +
			"request made of the attacker's start and the victim's cookies (CVE-2009-3555). Browsers refuse such servers or warn about them.",
		Bad:  "a TLS terminator built against OpenSSL before 0.9.8m (2010)",
		Good: "nginx with any maintained OpenSSL: RFC 5746 has been on by default since 2010",
		Fix: "Upgrade the TLS library of whatever terminates TLS (OpenSSL for nginx: apt-get install --only-upgrade openssl libssl3, then restart " +
			"nginx); on a load balancer or appliance, update its firmware.",
		References: []string{
			"https://datatracker.ietf.org/doc/html/rfc5746",
			"https://nvd.nist.gov/vuln/detail/CVE-2009-3555",
		},
	},
	Run: runTLSInsecureRenegotiation,
}

func runTLSInsecureRenegotiation(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "renegotiation")
	if bad {
		reportVuln(p, s, r, "secure renegotiation", r.Detail+": renegotiation is open to request splicing (CVE-2009-3555)", 0)
	}
}
