package probe

import (
	"crypto/x509"
	"fmt"
	"net"
	"strings"

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
		What: "djsec checks that the leaf certificate's subject alternative names cover the host of the probed URL (SNI is sent for it). " +
			"A certificate whose only name is its Common Name (no subjectAltName) is reported as such: current clients ignore the Common Name.",
		Why:  "Every browser refuses the connection; clients that accept it anyway accept any certificate, so an attacker's works as well as yours.",
		Bad:  "server_name shop.example.com;  ssl_certificate /etc/ssl/www.example.com.pem;",
		Good: "server_name shop.example.com;  ssl_certificate /etc/letsencrypt/live/shop.example.com/fullchain.pem;",
		Fix:  "Issue the certificate for every host name the site answers on (all of them in subjectAltName).",
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
	leaf := info.Chain[0]
	d := analysis.Diagnostic{Location: s.tlsLocation(), Message: hostnameMismatch(leaf, s.host), Snippet: "hostname"}
	if len(leaf.DNSNames) == 0 && len(leaf.IPAddresses) == 0 {
		// Public CAs always write subjectAltName: a certificate without
		// one was made by hand.
		san := "DNS:" + s.host
		if net.ParseIP(s.host) != nil {
			san = "IP:" + s.host
		}
		d.Fix = "Make the certificate again with the host names in subjectAltName, not only in the Common Name " +
			"(openssl req -x509 ... -subj /CN=" + s.host + " -addext subjectAltName=" + san + "), or get one from a CA such as Let's Encrypt."
	}
	p.Report(d)
}

// hostnameMismatch says why the leaf is not valid for host, naming what it
// does name. The Common Name counts for no client that matters (browsers
// since 2017, Go since 1.15): a certificate whose only name is its CN is
// valid for no host, and is described as such rather than as naming nothing.
func hostnameMismatch(leaf *x509.Certificate, host string) string {
	names := append([]string(nil), leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	cn := leaf.Subject.CommonName
	switch {
	case len(names) == 0 && cn != "" && legacyCNMatches(cn, host):
		return fmt.Sprintf("the certificate names %s only in its Common Name and has no subjectAltName: browsers and other current clients ignore the Common Name, so it is valid for no host", host)
	case len(names) == 0 && cn != "":
		return fmt.Sprintf("the certificate is not valid for %s: it has no subjectAltName, and its only name, the Common Name %q, is ignored by current clients (and would not match either)", host, cn)
	case len(names) == 0:
		return fmt.Sprintf("the certificate is not valid for %s: it names no host at all (no subjectAltName, no Common Name)", host)
	case cn != "" && legacyCNMatches(cn, host):
		return fmt.Sprintf("the certificate is not valid for %s (its subjectAltName names %s; the Common Name %s does not count when a subjectAltName is present)", host, joinList(names), cn)
	}
	return fmt.Sprintf("the certificate is not valid for %s (it names %s)", host, joinList(names))
}

// legacyCNMatches reports whether a Common Name would have matched host
// under the old rules: equal ignoring case, or a wildcard for one label.
func legacyCNMatches(cn, host string) bool {
	cn, host = strings.ToLower(strings.TrimSuffix(cn, ".")), strings.ToLower(strings.TrimSuffix(host, "."))
	if cn == host {
		return true
	}
	if rest, ok := strings.CutPrefix(cn, "*."); ok {
		_, hostRest, found := strings.Cut(host, ".")
		return found && hostRest == rest && !strings.Contains(rest, "*")
	}
	return false
}
