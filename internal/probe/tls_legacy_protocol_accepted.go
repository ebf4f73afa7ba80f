package probe

import (
	"crypto/tls"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSLegacyProtocol finds servers that still accept TLS 1.0 or 1.1.
var TLSLegacyProtocol = &analysis.Rule{
	ID: "DJL101", Name: "tls-legacy-protocol-accepted",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts TLS 1.0 or TLS 1.1",
		What: "djsec completes one handshake per protocol version, offering every suite Go can speak. " +
			"A server that completes a TLS 1.0 or TLS 1.1 handshake is reported once per version. SSLv3 and older cannot be offered by Go and are not tested.",
		Why: "TLS 1.0 and 1.1 were deprecated by RFC 8996: they rely on SHA-1 and MD5 in the handshake and on CBC constructions with known attacks (BEAST, Lucky13). " +
			"PCI DSS forbids them, and browsers no longer use them, so accepting them only helps a downgrade attacker.",
		Bad:  "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;",
		Fix:  "Accept only TLS 1.2 and 1.3 (nginx: ssl_protocols TLSv1.2 TLSv1.3; on a load balancer, pick a TLS 1.2+ security policy).",
		References: []string{
			"https://datatracker.ietf.org/doc/html/rfc8996",
			"https://ssl-config.mozilla.org/",
		},
	},
	Run: runTLSLegacyProtocol,
}

func runTLSLegacyProtocol(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	for _, v := range []uint16{tls.VersionTLS10, tls.VersionTLS11} {
		if info.Versions[v] {
			p.Report(analysis.Diagnostic{
				Location:   s.tlsLocation(),
				Message:    "the server accepts " + versionNames[v] + ", deprecated since 2021 (RFC 8996)",
				Snippet:    versionNames[v],
				Properties: map[string]any{"protocol": versionNames[v]},
			})
		}
	}
}
