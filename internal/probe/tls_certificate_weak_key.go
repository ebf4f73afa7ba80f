package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSWeakKey finds certificates with short keys.
var TLSWeakKey = &analysis.Rule{
	ID: "DJL107", Name: "tls-certificate-weak-key",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{326}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The certificate's key is too short",
		What:  "djsec reads the leaf certificate's public key: RSA under 2048 bits or ECDSA under 256 bits is reported (RSA under 1024 is critical).",
		Why:   "1024-bit RSA is within reach of well-funded attackers and is refused by CAs since 2013; a factored key lets anyone impersonate the site.",
		Bad:   "openssl req -x509 -newkey rsa:1024 ...",
		Good:  "openssl req -x509 -newkey rsa:2048 ...   # or -newkey ec -pkeyopt ec_paramgen_curve:P-256",
		Fix:   "Reissue the certificate with an RSA 2048+ or ECDSA P-256 key.",
		References: []string{
			"https://cabforum.org/baseline-requirements-documents/",
		},
	},
	Run: runTLSWeakKey,
}

func runTLSWeakKey(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil || len(info.Chain) == 0 {
		return
	}
	kind, bits := keyBits(info.Chain[0])
	d := analysis.Diagnostic{Location: s.tlsLocation(), Snippet: "key", Properties: map[string]any{"key": kind, "bits": bits}}
	switch {
	case kind == "RSA" && bits < 1024:
		d.Severity = report.Critical
	case kind == "RSA" && bits < 2048, kind == "ECDSA" && bits < 256:
	default:
		return
	}
	d.Message = fmt.Sprintf("the certificate has a %d-bit %s key", bits, kind)
	p.Report(d)
}
