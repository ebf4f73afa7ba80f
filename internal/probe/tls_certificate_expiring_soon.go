package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCertExpiring finds certificates that are valid today but expire
// within 30 days: renewal is late, not yet an outage.
var TLSCertExpiring = &analysis.Rule{
	ID: "DJL109", Name: "tls-certificate-expiring-soon",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{298}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate is valid but expires within 30 days",
		What: "djsec reads the validity period of the leaf certificate: still valid but expiring within 14 days is medium, within 30 days low. " +
			"An expired certificate is tls-certificate-expired (DJL106).",
		Why: "Automated renewal (Let's Encrypt clients renew 30 days ahead) should already have replaced it: with 30 days left renewal is probably failing, " +
			"and when the date passes browsers refuse the site.",
		Bad:  "notAfter=2024-01-20, probed on 2024-01-11 (9 days left) and no renewal timer",
		Good: "certbot renew runs twice a day from a timer, and nginx reloads after it",
		Fix:  "Renew the certificate before it expires, find out why automated renewal did not (certbot renew --dry-run, the timer's logs), and monitor days left.",
		References: []string{
			"https://letsencrypt.org/docs/integration-guide/",
			"https://letsencrypt.org/docs/expiration-emails/",
		},
	},
	Run: runTLSCertExpiring,
}

// Days left below which a valid certificate is reported, and below which
// it is medium rather than low.
const (
	expiringSoonDays   = 30
	expiringUrgentDays = 14
)

func runTLSCertExpiring(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || len(info.Chain) == 0 {
		return
	}
	leaf, now := info.Chain[0], s.opts.Now
	if now.After(leaf.NotAfter) || now.Before(leaf.NotBefore) {
		return // DJL106 says it
	}
	days := daysLeft(leaf, now)
	if days >= expiringSoonDays {
		return
	}
	d := analysis.Diagnostic{Location: s.tlsLocation(), Snippet: "expiring",
		Properties: map[string]any{"not_after": day(leaf.NotAfter), "days_left": days}}
	left := "expires in " + plural(days, "day")
	if days == 0 {
		left = "expires within a day"
	}
	if days < expiringUrgentDays {
		d.Message = fmt.Sprintf("the certificate is valid but %s (%s): renew it now, or browsers refuse the site from then on", left, day(leaf.NotAfter))
	} else {
		d.Message = fmt.Sprintf("the certificate is valid but %s (%s): automated renewal should have replaced it by now", left, day(leaf.NotAfter))
		d.Severity = report.Low
	}
	p.Report(d)
}
