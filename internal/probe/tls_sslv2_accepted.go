package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSSSLv2 finds servers that still speak SSLv2.
var TLSSSLv2 = &analysis.Rule{
	ID: "DJL144", Name: "tls-sslv2-accepted",
	Severity: report.Critical, Confidence: report.HighConfidence,
	CWE: []int{327}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server speaks SSLv2",
		What: "djsec sends an SSLv2 CLIENT-HELLO (the two-byte-header record of 1995, which no TLS library of today can send) offering the seven " +
			"SSLv2 ciphers, export ones included, as testssl.sh does, and reads the answer strictly. An SSLv2 SERVER-HELLO (or an SSLv2 ERROR) means " +
			"the server speaks SSLv2; the ciphers it lists are reported. A TLS alert, a TLS record or a closed connection means it does not. " +
			"When DJL145 (DROWN) reports the same server, it supersedes this finding.",
		Why: "SSLv2 has been broken since 1996 and forbidden since 2011 (RFC 6176): no protection of the handshake, 40-bit export ciphers, MD5. " +
			"Worse, a server that speaks it lends its RSA key to the DROWN attack, which decrypts TLS sessions recorded with the same key, " +
			"whatever protocol those sessions used.",
		Bad:  "ssl_protocols SSLv2 SSLv3 TLSv1;   # nginx built against OpenSSL 1.0.1 or older",
		Good: "ssl_protocols TLSv1.2 TLSv1.3;",
		Fix: "Set ssl_protocols TLSv1.2 TLSv1.3; in nginx and reload it; upgrade OpenSSL (1.1.0 and later, Debian's OpenSSL 3, have no SSLv2 at " +
			"all) and rebuild any nginx or load balancer linked statically against an old one. Never share the certificate's key with another " +
			"server (a mail server, an old appliance) that speaks SSLv2.",
		References: []string{
			"https://datatracker.ietf.org/doc/html/rfc6176",
			"https://drownattack.com/",
			"https://ssl-config.mozilla.org/",
		},
	},
	Run: runTLSSSLv2,
}

func runTLSSSLv2(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "sslv2")
	if bad {
		reportVuln(p, s, r, "sslv2", r.Detail+": SSLv2 has been broken since 1996 and forbidden since 2011 (RFC 6176)", 0)
	}
}
