package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCCSInjection finds servers that accept a ChangeCipherSpec before the
// keys exist (CVE-2014-0224).
var TLSCCSInjection = &analysis.Rule{
	ID: "DJL131", Name: "tls-ccs-injection",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{310, 696}, Checklist: []int{1, 2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts an early ChangeCipherSpec (CCS injection, CVE-2014-0224)",
		What: "After the server's first flight, before any key exchange, djsec sends a ChangeCipherSpec record, and a second one if the first draws " +
			"no answer (testssl.sh's method). A fixed server refuses the first with an unexpected_message alert or closes the connection; a " +
			"vulnerable OpenSSL accepts it, switches to keys derived from an empty secret, and then fails to decrypt (decryption_failed or " +
			"bad_record_mac). Silence after both is read as not vulnerable, as testssl.sh reads it.",
		Why: "A man in the middle between a vulnerable client and server can make both use keys it knows, and then read and change the traffic: " +
			"session cookies, passwords, everything the site sends.",
		Bad:  "nginx linked against OpenSSL before 0.9.8za, 1.0.0m or 1.0.1h",
		Good: "nginx linked against a maintained OpenSSL",
		Fix: "Upgrade OpenSSL (apt-get install --only-upgrade openssl libssl3 or your distribution's equivalent) and restart nginx; rebuild a " +
			"statically linked nginx. If a load balancer or appliance terminates TLS, update its firmware.",
		References: []string{
			"https://www.openssl.org/news/secadv/20140605.txt",
			"https://nvd.nist.gov/vuln/detail/CVE-2014-0224",
			"https://ccsinjection.lepidum.co.jp/",
		},
	},
	Run: runTLSCCSInjection,
}

func runTLSCCSInjection(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "ccs")
	if bad {
		reportVuln(p, s, r, "ccs injection", "the server is vulnerable to CCS injection (CVE-2014-0224): "+r.Detail, 0)
	}
}
