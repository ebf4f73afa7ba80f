package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCrime finds servers that compress at the TLS level (CRIME).
var TLSCrime = &analysis.Rule{
	ID: "DJL140", Name: "tls-crime",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{310, 200}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server compresses TLS records (CRIME, CVE-2012-4929)",
		What: "djsec offers DEFLATE before null among the compression methods of a ClientHello and reports a server that chooses it. HTTP " +
			"compression of pages carrying secrets (BREACH) is another check.",
		Why: "When secret and attacker-chosen text are compressed together, the size of the records tells the attacker how much of its guess " +
			"matched the secret: a session cookie is recovered in a few thousand requests (CRIME).",
		Bad:  "a TLS terminator built with zlib and an OpenSSL before 1.1.0 that leaves compression on",
		Good: "nginx 1.1.6 or later (it turns TLS compression off) with a maintained OpenSSL",
		Fix: "Upgrade nginx and OpenSSL (apt-get install --only-upgrade nginx openssl libssl3) and restart nginx; on another TLS terminator, " +
			"turn TLS compression off.",
		References: []string{
			"https://nvd.nist.gov/vuln/detail/CVE-2012-4929",
			"https://datatracker.ietf.org/doc/html/rfc7457#section-2.6",
		},
	},
	Run: runTLSCrime,
}

func runTLSCrime(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "crime")
	if bad {
		reportVuln(p, s, r, "crime", r.Detail+": compressed records leak secrets by their size (CRIME)", 0)
	}
}
