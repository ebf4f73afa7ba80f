package probe

import (
	"fmt"
	"math"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCertExpiry finds expired certificates and ones about to expire.
var TLSCertExpiry = &analysis.Rule{
	ID: "DJL106", Name: "tls-certificate-expired",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{298}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate has expired, is not yet valid, or expires soon",
		What: "djsec reads the validity period of the leaf certificate: expired or not yet valid is high; expiring within 14 days is medium, " +
			"within 30 days low (a renewal that should have happened by now).",
		Why:  "An expired certificate takes the site down for browsers and teaches users to click through warnings. Let's Encrypt renews 30 days ahead, so 30 days left means renewal is failing.",
		Bad:  "notAfter=2024-01-01 (expired), or 9 days left and no renewal",
		Good: "certbot renew runs twice a day from a timer, and nginx reloads after it",
		Fix:  "Renew the certificate and automate renewal (certbot, acme.sh or the load balancer's managed certificates), with monitoring on days left.",
		References: []string{
			"https://letsencrypt.org/docs/integration-guide/",
		},
	},
	Run: runTLSCertExpiry,
}

func runTLSCertExpiry(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || len(info.Chain) == 0 {
		return
	}
	leaf, now := info.Chain[0], s.opts.Now
	days := int(math.Floor(leaf.NotAfter.Sub(now).Hours() / 24))
	d := analysis.Diagnostic{Location: s.tlsLocation(), Snippet: "expiry", Properties: map[string]any{"not_after": leaf.NotAfter.UTC().Format("2006-01-02"), "days_left": days}}
	switch {
	case now.After(leaf.NotAfter):
		d.Message = fmt.Sprintf("the certificate expired on %s", leaf.NotAfter.UTC().Format("2006-01-02"))
	case now.Before(leaf.NotBefore):
		d.Message = fmt.Sprintf("the certificate is not valid before %s", leaf.NotBefore.UTC().Format("2006-01-02"))
	case days < 14:
		d.Message, d.Severity = fmt.Sprintf("the certificate expires in %d days (%s)", days, leaf.NotAfter.UTC().Format("2006-01-02")), report.Medium
	case days < 30:
		d.Message, d.Severity = fmt.Sprintf("the certificate expires in %d days (%s); renewal should have happened by now", days, leaf.NotAfter.UTC().Format("2006-01-02")), report.Low
	default:
		return
	}
	p.Report(d)
}
