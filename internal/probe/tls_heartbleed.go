package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSHeartbleed finds servers whose OpenSSL leaks memory through the
// heartbeat extension (CVE-2014-0160).
var TLSHeartbleed = &analysis.Rule{
	ID: "DJL130", Name: "tls-heartbleed",
	Severity: report.Critical, Confidence: report.HighConfidence,
	CWE: []int{119, 125}, Checklist: []int{1, 2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server leaks its memory through TLS heartbeats (Heartbleed, CVE-2014-0160)",
		What: "djsec offers the heartbeat extension in a hand-made ClientHello. When the server announces it, djsec sends one heartbeat request whose " +
			"length field claims 16 bytes more than the request carries, before the handshake ends, as testssl.sh does. A fixed server discards it; " +
			"a vulnerable one answers with those 16 bytes of its memory. djsec reads at most one record of the answer, keeps only its size, and asks " +
			"for nothing more. A server without the heartbeat extension is not vulnerable.",
		Why: "Each heartbeat can return up to 64 KiB of the TLS process's memory to anyone, without a trace in the logs: private keys, session " +
			"cookies, passwords and form posts of other users.",
		Bad:  "nginx linked against OpenSSL 1.0.1 to 1.0.1f",
		Good: "nginx linked against a maintained OpenSSL (Debian and Ubuntu security updates, OpenSSL 3)",
		Fix: "Upgrade OpenSSL (apt-get install --only-upgrade openssl libssl3, or your distribution's equivalent) and restart nginx; a statically " +
			"linked or self-built nginx must be rebuilt. Then assume everything leaked: issue a new private key and certificate and revoke the old " +
			"one, log every user out (delete the django_session rows or rotate SECRET_KEY), and have users and staff change their passwords.",
		References: []string{
			"https://heartbleed.com/",
			"https://nvd.nist.gov/vuln/detail/CVE-2014-0160",
			"https://datatracker.ietf.org/doc/html/rfc6520",
		},
	},
	Run: runTLSHeartbleed,
}

func runTLSHeartbleed(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "heartbleed")
	if bad {
		reportVuln(p, s, r, "heartbleed", "the server is vulnerable to Heartbleed (CVE-2014-0160): "+r.Detail, 0)
	}
}
