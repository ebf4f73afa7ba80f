package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSDrown finds servers whose RSA key can be used to decrypt TLS through
// SSLv2 (DROWN).
var TLSDrown = &analysis.Rule{
	ID: "DJL145", Name: "tls-drown",
	Severity: report.Critical, Confidence: report.HighConfidence,
	CWE: []int{310}, Checklist: []int{2},
	Scope: analysis.Live,
	// Its finding says that the server speaks SSLv2, with which ciphers,
	// and what follows: DJL144's finding at the same place adds nothing.
	Supersedes: []string{"DJL144"},
	Doc: analysis.Doc{
		Title: "The server's RSA key can decrypt its TLS sessions through SSLv2 (DROWN, CVE-2016-0800)",
		What: "djsec reads the answer to the SSLv2 CLIENT-HELLO of DJL144 (one connection for both). The server is vulnerable when it speaks SSLv2 " +
			"itself; the message says whether it offers 40-bit export ciphers (the general attack) and reminds of the OpenSSL bug that makes any SSLv2 " +
			"cipher enough (CVE-2016-0703, special DROWN), and gives the SHA-256 fingerprint of the certificate. djsec tests only the host and port " +
			"it probes: a server without SSLv2 is \"not vulnerable on this host\", but DROWN also works when ANOTHER server that shares the " +
			"certificate's RSA key speaks SSLv2 (a mail server with the same wildcard certificate, an old appliance), which cannot be tested from " +
			"here. Check those services yourself, or look the certificate's fingerprint up at a public DROWN checker (drownattack.com's, or a " +
			"Censys search for hosts with the certificate).",
		Why: "An attacker who recorded a TLS session (even TLS 1.2) and can make about 40,000 SSLv2 connections to any server holding the same RSA key " +
			"decrypts the session: about 8 hours of rented computing with export ciphers, under a minute on one PC against an OpenSSL before " +
			"1.0.2a. Session cookies and passwords of recorded sessions are exposed.",
		Bad:  "ssl_protocols SSLv2 SSLv3 TLSv1;   # or the same certificate and key also on a mail server that speaks SSLv2",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;   # and a key of its own for every server that still needs old protocols",
		Fix: "Set ssl_protocols TLSv1.2 TLSv1.3; in nginx and reload it; upgrade OpenSSL (1.0.2g / 1.0.1s fixed DROWN, 1.1.0 and later have no " +
			"SSLv2); never share the certificate's key with a server that speaks SSLv2: turn SSLv2 off there (Postfix, Dovecot, Exim, old " +
			"appliances) or give it a key and certificate of its own, then replace the shared key.",
		References: []string{
			"https://drownattack.com/",
			"https://nvd.nist.gov/vuln/detail/CVE-2016-0800",
			"https://nvd.nist.gov/vuln/detail/CVE-2016-0703",
		},
	},
	Run: runTLSDrown,
}

func runTLSDrown(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "drown")
	if bad {
		reportVuln(p, s, r, "drown", "DROWN (CVE-2016-0800): "+r.Detail+"; check also every other server that holds the same key", 0)
	}
}
