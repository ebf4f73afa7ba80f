package probe

import (
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCertUntrusted finds certificates that do not chain to a trusted root.
var TLSCertUntrusted = &analysis.Rule{
	ID: "DJL104", Name: "tls-certificate-untrusted",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{295}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate does not chain to a trusted root",
		What: "djsec verifies the chain the server sends against the system's roots (plus any --ca-file) at the time of the probe, as a browser would, " +
			"and reports self-signed certificates, unknown authorities and missing intermediates. The probe goes on with the untrusted connection.",
		Why: "Browsers show an interstitial warning that users learn to click through; API clients either fail or are configured to skip verification, " +
			"which makes them open to interception by anyone on the path.",
		Bad:  "ssl_certificate /etc/ssl/self-signed.pem;   # or the leaf alone, without its intermediates",
		Good: "ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;",
		Fix:  "Serve a certificate from a publicly trusted CA (Let's Encrypt) with its full chain; for an internal CA, give djsec the root with --ca-file.",
		References: []string{
			"https://letsencrypt.org/docs/",
			"https://cwe.mitre.org/data/definitions/295.html",
		},
	},
	Run: runTLSCertUntrusted,
}

func runTLSCertUntrusted(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || info.Verified || len(info.Chain) == 0 {
		return
	}
	why := info.VerifyErr.Error()
	var ua x509.UnknownAuthorityError
	var ce x509.CertificateInvalidError
	switch {
	case isInsecureAlgorithm(info.VerifyErr):
		return // the chain is fine but for a SHA-1 or MD5 signature: DJL108 says it
	case errors.As(info.VerifyErr, &ua) && len(info.Chain) == 1 && info.Chain[0].Subject.String() == info.Chain[0].Issuer.String():
		why = "the certificate is self-signed"
	case errors.As(info.VerifyErr, &ua):
		why = fmt.Sprintf("it is issued by %q, which is not a trusted root (or an intermediate is missing from the chain)", info.Chain[len(info.Chain)-1].Issuer.CommonName)
	case errors.As(info.VerifyErr, &ce) && ce.Reason == x509.Expired:
		return // DJL106 says it
	}
	p.Report(analysis.Diagnostic{
		Location: s.tlsLocation(),
		Message:  "the certificate is not trusted: " + why,
		Snippet:  "untrusted",
	})
}
