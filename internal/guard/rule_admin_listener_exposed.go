package guard

import (
	"net"
	"net/netip"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AdminListenerExposed finds the metrics listener, which also lifts bans,
// on an address other than loopback.
var AdminListenerExposed = &analysis.Rule{
	ID: "DJG003", Name: "admin-listener-exposed",
	Severity: report.High, Confidence: report.MediumConfidence,
	CWE: []int{306}, Checklist: []int{2, 10},
	Scope: analysis.Guard,
	Doc: analysis.Doc{
		Title: "The guard's metrics listener, which lists and lifts bans, listens beyond loopback",
		What: "[metrics] listen on all interfaces (\":9108\", \"0.0.0.0:9108\", \"[::]:9108\") or on a public address, with neither token_file " +
			"nor token_env. A private address (10/8, 172.16/12, 192.168/16, fc00::/7) is left alone: Prometheus often scrapes over one.",
		Why: "Without [metrics] token_file or token_env the listener asks for no credentials: anyone who reaches it reads the ban list " +
			"and can DELETE /bans/ADDR, lifting their own ban.",
		Bad:  "[metrics]\nlisten = \":9108\"",
		Good: "[metrics]\nlisten = \"127.0.0.1:9108\"",
		Fix: "Listen on 127.0.0.1 or on a private interface that only the monitoring network reaches, or set [metrics] token_file " +
			"(or token_env) so that every request must carry that bearer token (Prometheus: authorization.credentials_file).",
		References: []string{
			"https://prometheus.io/docs/operating/security/",
		},
	},
	Run: func(p *analysis.Pass) {
		c := configTarget.Of(p)
		if c == nil || c.Metrics.Listen == "" || c.Metrics.TokenFile != "" || c.Metrics.TokenEnv != "" {
			return // none, or one that asks for a token
		}
		host, _, err := net.SplitHostPort(c.Metrics.Listen)
		if err != nil {
			return // unix:/path, or an address the listener itself refuses
		}
		a, err := netip.ParseAddr(host)
		if host != "" && (err != nil || a.IsLoopback() || a.IsPrivate()) {
			return // a host name, loopback or private
		}
		p.Reportf(configLoc(c, "listen", c.tableLine("metrics", 0)), "the metrics listener %s is reachable beyond this machine and asks for no token (token_file), and DELETE /bans lifts any ban", c.Metrics.Listen)
	},
}
