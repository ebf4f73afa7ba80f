package probe

import (
	"crypto/x509"
	"fmt"
	"math"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCertExpiry finds certificates that have expired or are not valid yet.
// One that is still valid but expires soon is DJL109's.
var TLSCertExpiry = &analysis.Rule{
	ID: "DJL106", Name: "tls-certificate-expired",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{298}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate has expired or is not valid yet",
		What: "djsec reads the validity period of the leaf certificate the server sends and compares it with the date of the probe. " +
			"A certificate that is still valid but expires within 30 days is not reported here but as tls-certificate-expiring-soon (DJL109).",
		Why:  "Browsers refuse an expired (or not yet valid) certificate: the site is down for them, and users who click through learn to ignore the warning.",
		Bad:  "notAfter=2024-01-01, probed on 2024-01-05",
		Good: "certbot renew runs twice a day from a timer, and nginx reloads after it",
		Fix:  "Renew the certificate now and automate renewal (certbot, acme.sh or the load balancer's managed certificates), with monitoring on days left.",
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
	d := analysis.Diagnostic{Location: s.tlsLocation(), Snippet: "expiry", Properties: map[string]any{"not_after": day(leaf.NotAfter), "days_left": daysLeft(leaf, now)}}
	switch {
	case now.After(leaf.NotAfter):
		ago := "less than a day ago"
		if n := int(math.Floor(now.Sub(leaf.NotAfter).Hours() / 24)); n > 0 {
			ago = plural(n, "day") + " ago"
		}
		d.Message = fmt.Sprintf("the certificate expired on %s (%s): browsers refuse the connection", day(leaf.NotAfter), ago)
	case now.Before(leaf.NotBefore):
		d.Message = fmt.Sprintf("the certificate is not valid before %s: browsers refuse the connection until then", day(leaf.NotBefore))
	default:
		return
	}
	p.Report(d)
}

// daysLeft is the number of whole days from now to the certificate's end,
// negative once it has ended.
func daysLeft(c *x509.Certificate, now time.Time) int {
	return int(math.Floor(c.NotAfter.Sub(now).Hours() / 24))
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
