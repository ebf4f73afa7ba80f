package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSNoResumption finds servers that resume no session.
var TLSNoResumption = &analysis.Rule{
	ID: "DJL124", Name: "tls-session-resumption-unsupported",
	Severity: report.Info, Confidence: report.HighConfidence,
	CWE: []int{400}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server resumes no TLS session",
		What: "djsec connects twice with a session cache at the highest version the server speaks (session tickets, the only resumption of TLS 1.3) " +
			"and, when that is TLS 1.3, at TLS 1.2 too (RFC 5077 tickets), " +
			"and at TLS 1.2 offers back, in a hand-made ClientHello, the session ID the server gave in a full handshake. When neither resumes, " +
			"it is reported as info; what was seen is in the TLS grade's reasons either way.",
		Why: "Every connection then pays a full handshake: one more round trip for each new connection of each visitor, and an asymmetric " +
			"signature on the server each time, which a flood of handshakes turns into CPU exhaustion sooner.",
		Bad:  "ssl_session_cache off;\nssl_session_tickets off;",
		Good: "ssl_session_cache shared:SSL:10m;\nssl_session_timeout 1d;\nssl_session_tickets off;",
		Fix:  "In nginx, set ssl_session_cache shared:SSL:10m; and ssl_session_timeout 1d; (Mozilla's configuration), which resumes by session ID at TLS 1.2 and by ticket at TLS 1.3.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_session_cache",
		},
	},
	Run: runTLSNoResumption,
}

func runTLSNoResumption(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	r := info.Resumption
	if !r.Tested || r.TicketErr != nil || r.Tickets || r.Tickets12 || r.IDs {
		return
	}
	msg := "the server resumed no session: no ticket at " + versionNames[r.Version]
	if r.IDTested {
		msg += " and no session ID at TLS 1.2"
	}
	p.Report(analysis.Diagnostic{
		Location:   s.tlsLocation(),
		Message:    msg + "; every connection pays a full handshake",
		Snippet:    "resumption",
		Properties: map[string]any{"tickets": false, "session_ids": false},
	})
}
