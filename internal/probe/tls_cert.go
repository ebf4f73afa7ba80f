package probe

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"strings"

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

func keyBits(c *x509.Certificate) (string, int) {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	}
	return "unknown", 0
}

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

func isInsecureAlgorithm(err error) bool {
	var ia x509.InsecureAlgorithmError
	return errors.As(err, &ia) || strings.Contains(err.Error(), "insecure algorithm")
}
