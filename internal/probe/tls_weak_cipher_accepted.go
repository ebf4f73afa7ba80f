package probe

import (
	"crypto/tls"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSWeakCipher finds servers that accept broken or weak cipher suites.
var TLSWeakCipher = &analysis.Rule{
	ID: "DJL102", Name: "tls-weak-cipher-accepted",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts weak TLS cipher suites (RC4, 3DES, CBC-SHA256)",
		What: "For each protocol version up to TLS 1.2 that the server accepts, djsec offers only the suites on Go's insecure list and records " +
			"every one the server picks, removing it and offering the rest again. RC4 and 3DES suites are reported as medium; ECDHE CBC-SHA256 suites as low. " +
			"Suites whose only fault is the RSA key exchange are left to DJL103, and 3DES to DJL135 (SWEET32) when it reports the site. Suites Go cannot speak (finite-field DHE, CAMELLIA, ARIA, NULL and export " +
			"ciphers, SSLv3) are not tested: testssl.sh covers those.",
		Why: "RC4 is broken (RFC 7465); 3DES has a 64-bit block and leaks plaintext after long sessions (Sweet32, CVE-2016-2183); CBC with HMAC-SHA256 " +
			"is prone to padding-oracle timing attacks (Lucky13). A client that supports them can be steered to them.",
		Bad:  "ssl_ciphers DEFAULT:@SECLEVEL=0;",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix:  "Use the Mozilla \"intermediate\" cipher list: ECDHE with AES-GCM or ChaCha20-Poly1305 only.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://sweet32.info/",
			"https://datatracker.ietf.org/doc/html/rfc7465",
		},
	},
	Run: runTLSWeakCipher,
}

func runTLSWeakCipher(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	seen := map[uint16]bool{}
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10} {
		for _, id := range info.Insecure[v] {
			why := suiteWeakness(id)
			if why == "" || seen[id] || strings.Contains(tls.CipherSuiteName(id), "3DES") && s.sweet32Reports() {
				continue
			}
			seen[id] = true
			name := tls.CipherSuiteName(id)
			sev := report.Medium
			if strings.Contains(name, "CBC_SHA256") {
				sev = report.Low
			}
			p.Report(analysis.Diagnostic{
				Location:   s.tlsLocation(),
				Message:    "the server accepts " + name + ": " + why,
				Severity:   sev,
				Snippet:    name,
				Properties: map[string]any{"cipher": name},
			})
		}
	}
}
