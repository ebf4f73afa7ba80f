package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CTMissing finds publicly trusted certificates with no proof of being
// logged.
var CTMissing = &analysis.Rule{
	ID: "DJL126", Name: "tls-certificate-transparency-missing",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{295}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate comes with no signed certificate timestamp",
		What: "For a public host whose certificate chains to a publicly trusted root, djsec looks for signed certificate timestamps (SCTs) " +
			"where a server can deliver them: embedded in the certificate, in the TLS extension, or in the stapled OCSP response. None is reported. " +
			"Loopback and private hosts, and certificates of a private CA (--ca-file), are not checked: they are not logged, and the notes say so.",
		Why: "Chrome and Safari refuse publicly trusted certificates without SCTs, so the site fails for most visitors; and a certificate that is " +
			"not in the public logs escapes the monitoring that lets an owner see certificates issued for their names.",
		Bad:  "ssl_certificate /etc/ssl/cert-without-scts.pem;   # from a CA that does not log",
		Good: "ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;   # SCTs embedded",
		Fix:  "Reissue the certificate from a CA that embeds SCTs (all major public CAs, Let's Encrypt included) and install the new fullchain.pem.",
		References: []string{
			"https://certificate.transparency.dev/",
			"https://datatracker.ietf.org/doc/html/rfc6962",
			"https://googlechrome.github.io/CertificateTransparency/ct_policy.html",
		},
	},
	Run: runCTMissing,
}

func runCTMissing(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || len(info.Chain) == 0 {
		return
	}
	if ok, why := s.publicHost(); !ok {
		p.Note("certificate transparency was not checked: %s (publicly trusted certificates of public names are logged)", why)
		return
	}
	if !publiclyTrusted(info, s.opts.Now) {
		p.Note("certificate transparency was not checked: the certificate does not chain to a public root, so it is not logged")
		return
	}
	if len(sctSources(info)) > 0 {
		return
	}
	p.Report(analysis.Diagnostic{
		Location: s.tlsLocation(),
		Message:  "the certificate comes with no signed certificate timestamp (none in the certificate, the TLS extension or a stapled OCSP response): Chrome and Safari refuse it",
		Snippet:  "SCT",
	})
}
