package probe

import (
	"crypto/tls"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSNoForwardSecrecy finds servers that accept the static RSA key exchange.
var TLSNoForwardSecrecy = &analysis.Rule{
	ID: "DJL103", Name: "tls-no-forward-secrecy",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{326}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts cipher suites without forward secrecy",
		What: "djsec offers only the static-RSA key exchange suites (TLS_RSA_WITH_*) and reports the ones the server accepts. " +
			"When the server also picks such a suite while offered everything, it prefers no forward secrecy, which is medium.",
		Why: "With the RSA key exchange, whoever gets the server's private key later (a leaked backup, a subpoena, a compromised host) " +
			"can decrypt every recorded session. ECDHE makes each session's key ephemeral.",
		Bad:  "ssl_ciphers AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;",
		Good: "ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305;",
		Fix:  "Remove the static-RSA suites (AES128-SHA, AES256-GCM-SHA384, ...) and offer only ECDHE suites (Mozilla intermediate).",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://github.com/ssllabs/research/wiki/SSL-and-TLS-Deployment-Best-Practices",
		},
	},
	Run: runTLSNoForwardSecrecy,
}

func runTLSNoForwardSecrecy(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	var names []string
	seen := map[uint16]bool{}
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10} {
		for _, id := range info.Insecure[v] {
			if !forwardSecret(id) && !seen[id] {
				seen[id] = true
				names = append(names, tls.CipherSuiteName(id))
			}
		}
	}
	if len(names) == 0 {
		return
	}
	d := analysis.Diagnostic{
		Location:   s.tlsLocation(),
		Message:    "the server accepts suites without forward secrecy: " + joinList(names),
		Snippet:    "static RSA",
		Properties: map[string]any{"ciphers": names},
	}
	if info.Preferred != 0 && !forwardSecret(info.Preferred) {
		d.Severity = report.Medium
		d.Message = "the server picks " + tls.CipherSuiteName(info.Preferred) + ", a suite without forward secrecy, even when ECDHE is offered; it accepts " + joinList(names)
	}
	p.Report(d)
}
