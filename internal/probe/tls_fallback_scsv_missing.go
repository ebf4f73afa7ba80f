package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tlsraw"
)

// TLSFallbackSCSV finds servers that let a client be pushed down to an
// older protocol version.
var TLSFallbackSCSV = &analysis.Rule{
	ID: "DJL134", Name: "tls-fallback-scsv-missing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{757}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server ignores TLS_FALLBACK_SCSV (RFC 7507): protocol downgrades go unnoticed",
		What: "djsec finds the versions the server accepts (SSLv3 to TLS 1.3) and, when there are at least two, sends a ClientHello for the " +
			"second best one carrying TLS_FALLBACK_SCSV. RFC 7507 asks the server to refuse it with an inappropriate_fallback alert; a server " +
			"that completes the handshake is reported (medium when the fallback reaches TLS 1.1 or older, low for TLS 1.2 under TLS 1.3, whose " +
			"own downgrade protection covers modern clients). A refusal with another alert is accepted, as it stops the downgrade.",
		Why: "A man in the middle can break a client's first handshakes until it retries with an older protocol, then attack that one " +
			"(POODLE was exploited this way). The SCSV lets the server notice the retry.",
		Bad:  "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;   # with an OpenSSL before 1.0.1j",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;",
		Fix: "Accept only TLS 1.2 and 1.3 (nginx: ssl_protocols TLSv1.2 TLSv1.3;), which leaves little to fall back to, and keep OpenSSL " +
			"up to date (RFC 7507 support since 1.0.1j); on a load balancer, choose a TLS 1.2+ policy.",
		References: []string{
			"https://datatracker.ietf.org/doc/html/rfc7507",
			"https://ssl-config.mozilla.org/",
		},
	},
	Run: runTLSFallbackSCSV,
}

func runTLSFallbackSCSV(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "fallback")
	if !bad {
		return
	}
	sev := report.Medium
	if r.Version >= tlsraw.VersionTLS12 {
		sev = report.Low
	}
	reportVuln(p, s, r, "fallback scsv", r.Detail+": a man in the middle can force older protocol versions unnoticed", sev)
}
