package probe

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"golang.org/x/crypto/ocsp"
)

// TLSOCSPStapling finds certificates with an OCSP responder that the server
// does not staple, and stapled responses that do not vouch for the
// certificate.
var TLSOCSPStapling = &analysis.Rule{
	ID: "DJL121", Name: "tls-ocsp-stapling-missing",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{299}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server does not staple a valid OCSP response",
		What: "Every handshake asks for a stapled OCSP response (status_request). When the certificate names an OCSP responder and the server " +
			"staples nothing, that is low; when the certificate also carries the OCSP Must-Staple feature, browsers that honour it refuse the " +
			"site, which is high. A stapled response that says revoked (high), unknown, or is past its next update (medium) is reported too. " +
			"A certificate without an OCSP responder (Let's Encrypt's since 2025) has nothing to staple and yields nothing.",
		Why: "Without stapling each browser asks the CA's responder itself, which tells the CA who visits the site and, because browsers " +
			"give up silently when the responder does not answer, protects nobody against a revoked certificate.",
		Bad:  "# no ssl_stapling: nginx staples nothing",
		Good: "ssl_stapling on;\nssl_stapling_verify on;\nssl_trusted_certificate /etc/letsencrypt/live/example.com/chain.pem;\nresolver 127.0.0.53;",
		Fix: "In nginx: ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate pointing at the issuer chain, and a resolver so nginx " +
			"can reach the responder (or ssl_stapling_file with a response fetched by cron).",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_stapling",
			"https://datatracker.ietf.org/doc/html/rfc6066#section-8",
			"https://datatracker.ietf.org/doc/html/rfc7633",
		},
	},
	Run: runTLSOCSPStapling,
}

func runTLSOCSPStapling(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || len(info.Chain) == 0 {
		return
	}
	leaf := info.Chain[0]
	d := analysis.Diagnostic{Location: s.tlsLocation(), Snippet: "OCSP"}
	if len(info.OCSP) == 0 {
		switch {
		case mustStaple(leaf):
			d.Severity = report.High
			d.Message = "the certificate requires OCSP stapling (Must-Staple) but the server staples no OCSP response: browsers that honour it refuse the site"
		case len(leaf.OCSPServer) > 0:
			d.Message = "the server staples no OCSP response, although the certificate names a responder (" + strings.Join(leaf.OCSPServer, ", ") + ")"
		default:
			return
		}
		d.Properties = map[string]any{"stapled": false}
		p.Report(d)
		return
	}
	r := stapled(info)
	now := s.opts.Now
	switch {
	case r == nil:
		d.Severity = report.Medium
		d.Message = "the server staples an OCSP response that cannot be read"
	case r.Status == ocsp.Revoked:
		d.Severity = report.High
		d.Message = fmt.Sprintf("the stapled OCSP response says the certificate was revoked on %s", r.RevokedAt.UTC().Format("2006-01-02"))
	case r.Status != ocsp.Good:
		d.Severity = report.Medium
		d.Message = "the stapled OCSP response does not know the certificate (status unknown)"
	case !r.NextUpdate.IsZero() && now.After(r.NextUpdate):
		d.Severity = report.Medium
		d.Message = fmt.Sprintf("the stapled OCSP response is stale: its next update was due on %s", r.NextUpdate.UTC().Format("2006-01-02 15:04"))
	default:
		return
	}
	d.Properties = map[string]any{"stapled": true}
	p.Report(d)
}
