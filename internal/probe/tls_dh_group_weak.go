package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSWeakDH finds finite-field Diffie-Hellman groups under 2048 bits.
var TLSWeakDH = &analysis.Rule{
	ID: "DJL122", Name: "tls-dh-group-weak",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{326}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server's Diffie-Hellman group is shorter than 2048 bits",
		What: "djsec offers only finite-field DHE suites (TLS_DHE_*) in a hand-made ClientHello without the RFC 7919 groups, as the old " +
			"clients that still use DHE do, and reads the size of the prime from the ServerKeyExchange. A prime under 2048 bits is medium, " +
			"under 1024 bits high (export-grade DH is reported as LOGJAM), whatever RFC 7919 groups the server takes at TLS 1.3 " +
			"(listed in the TLS grade's reasons): the clients that use DHE at TLS 1.2 do not offer them.",
		Why: "A 1024-bit group is within reach of a state-level precomputation (the Logjam paper estimated one break per widely shared prime); " +
			"once done, every session using that group can be decrypted passively. SSL Labs caps a server with a DH group under 2048 bits at B.",
		Bad:  "ssl_dhparam /etc/nginx/dhparam-1024.pem;   # openssl dhparam 1024",
		Good: "ssl_dhparam /etc/nginx/ffdhe2048.pem;   # the RFC 7919 group from ssl-config.mozilla.org, or no DHE suites at all",
		Fix: "Remove the DHE suites from ssl_ciphers (modern browsers use ECDHE), or point ssl_dhparam at a 2048-bit group " +
			"(Mozilla's ffdhe2048 file) and reload nginx.",
		References: []string{
			"https://weakdh.org/",
			"https://ssl-config.mozilla.org/",
			"https://datatracker.ietf.org/doc/html/rfc7919",
		},
	},
	Run: runTLSWeakDH,
}

func runTLSWeakDH(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	g := info.Groups
	if g.DHBits == 0 || g.DHBits >= 2048 {
		return
	}
	d := analysis.Diagnostic{
		Location:   s.tlsLocation(),
		Message:    fmt.Sprintf("the server's DHE key exchange uses a %d-bit group (with %s); 2048 bits is the minimum", g.DHBits, suiteName(g.DHSuite)),
		Snippet:    "DH group",
		Properties: map[string]any{"dh_bits": g.DHBits, "cipher": suiteName(g.DHSuite)},
	}
	if g.DHBits < 1024 {
		d.Severity = report.High
	}
	p.Report(d)
}
