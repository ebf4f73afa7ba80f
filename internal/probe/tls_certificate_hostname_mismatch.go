package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCertHostname finds certificates that do not name the host.
var TLSCertHostname = &analysis.Rule{
	ID: "DJL105", Name: "tls-certificate-hostname-mismatch",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{297}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate is not valid for the site's host name",
		What:  "djsec checks that the leaf certificate's subject alternative names cover the host of the probed URL (SNI is sent for it).",
		Why:   "Every browser refuses the connection; clients that accept it anyway accept any certificate, so an attacker's works as well as yours.",
		Bad:   "server_name shop.example.com;  ssl_certificate /etc/ssl/www.example.com.pem;",
		Good:  "server_name shop.example.com;  ssl_certificate /etc/letsencrypt/live/shop.example.com/fullchain.pem;",
		Fix:   "Issue the certificate for every host name the site answers on (all of them in subjectAltName).",
		References: []string{
			"https://datatracker.ietf.org/doc/html/rfc6125",
		},
	},
	Run: runTLSCertHostname,
}

func runTLSCertHostname(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || info.HostErr == nil || len(info.Chain) == 0 {
		return
	}
	names := info.Chain[0].DNSNames
	for _, ip := range info.Chain[0].IPAddresses {
		names = append(names, ip.String())
	}
	p.Report(analysis.Diagnostic{
		Location: s.tlsLocation(),
		Message:  fmt.Sprintf("the certificate is not valid for %s (it names %s)", s.host, joinList(names)),
		Snippet:  "hostname",
	})
}
