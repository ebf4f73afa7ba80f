package probe

import (
	"crypto/x509"
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSWeakSignature finds certificates signed with SHA-1 or MD5.
var TLSWeakSignature = &analysis.Rule{
	ID: "DJL108", Name: "tls-certificate-weak-signature",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{328}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "A certificate in the chain is signed with SHA-1 or MD5",
		What:  "djsec reads the signature algorithm of the leaf and of every intermediate the server sends (a root's self-signature does not matter and is left alone).",
		Why:   "SHA-1 and MD5 signatures can be forged with chosen-prefix collisions (SHAttered, Flame); browsers reject such certificates.",
		Bad:   "openssl req -x509 -sha1 ...",
		Good:  "openssl req -x509 -sha256 ...",
		Fix:   "Reissue the certificate (and use intermediates) signed with SHA-256 or better.",
		References: []string{
			"https://shattered.io/",
		},
	},
	Run: runTLSWeakSignature,
}

func runTLSWeakSignature(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	for i, c := range info.Chain {
		if i > 0 && c.Subject.String() == c.Issuer.String() {
			continue // a root: its self-signature is not checked by anyone
		}
		switch c.SignatureAlgorithm {
		case x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.DSAWithSHA1, x509.MD5WithRSA, x509.MD2WithRSA:
			what := "the certificate"
			if i > 0 {
				what = fmt.Sprintf("the intermediate %q", c.Subject.CommonName)
			}
			p.Report(analysis.Diagnostic{
				Location: s.tlsLocation(),
				Message:  fmt.Sprintf("%s is signed with %s", what, c.SignatureAlgorithm),
				Snippet:  c.Subject.String(),
			})
		}
	}
}
