package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSLogjam finds export-grade or precomputable Diffie-Hellman (LOGJAM).
var TLSLogjam = &analysis.Rule{
	ID: "DJL137", Name: "tls-logjam",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{310, 326}, Checklist: []int{2},
	Scope: analysis.Live,
	// Its finding names the DH group and its size too, so DJL122's
	// weak-group finding at the same place adds nothing.
	Supersedes: []string{"DJL122"},
	Doc: analysis.Doc{
		Title: "The server's Diffie-Hellman is export-grade or shared and short (LOGJAM, CVE-2015-4000)",
		What: "djsec offers only the DHE export suites at each protocol version the server accepts up to TLS 1.2; then it offers the other " +
			"finite-field DHE suites and reads the group from the ServerKeyExchange. Reported: DHE export suites accepted, a group under 1024 bits, " +
			"or a prime under 2048 bits that many servers share (the RFC 2409 and RFC 5114 groups, the old defaults of mod_ssl, OpenSSL, Java, " +
			"Postfix, ProFTPD, HAProxy... from the weakdh.org and nmap lists). A 1024-bit group of the server's own is left to DJL122 (DH group strength).",
		Why: "A man in the middle can downgrade a connection to 512-bit export DH and break it while the handshake is open. A precomputation for " +
			"one shared 1024-bit prime breaks every connection that uses it, passively; the LOGJAM paper estimated it within reach of a state.",
		Bad:  "ssl_dhparam /etc/ssl/dh1024.pem;   # or OpenSSL's old built-in 1024-bit group, with DHE suites enabled",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384;   # no DHE at all, or ssl_dhparam with Mozilla's ffdhe2048 file",
		Fix: "Drop the DHE suites from nginx's ssl_ciphers (modern clients use ECDHE), or point ssl_dhparam at a group of 2048 bits or more (Mozilla's " +
			"ffdhe2048.pem from ssl-config.mozilla.org), remove EXPORT suites, and reload nginx.",
		References: []string{
			"https://weakdh.org/",
			"https://nvd.nist.gov/vuln/detail/CVE-2015-4000",
			"https://ssl-config.mozilla.org/",
		},
	},
	Run: runTLSLogjam,
}

func runTLSLogjam(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "logjam")
	if bad {
		reportVuln(p, s, r, "logjam", r.Detail+" (LOGJAM)", 0)
	}
}
