package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSRobot finds servers whose RSA key exchange is a Bleichenbacher
// padding oracle (ROBOT, CVE-2017-13099 and its family).
var TLSRobot = &analysis.Rule{
	ID: "DJL146", Name: "tls-robot",
	Severity: report.High, Confidence: report.MediumConfidence,
	CWE: []int{203}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server's RSA key exchange is a padding oracle (ROBOT, Bleichenbacher's attack)",
		What: "With an RSA key exchange suite (TLS_RSA_WITH_*), djsec sends the five ClientKeyExchange messages of the ROBOT paper on five " +
			"connections: a premaster secret with correct PKCS#1 v1.5 padding, and four malformed ones (wrong first two bytes, the 0x00 " +
			"separator in the wrong place, no separator, a wrong version in the premaster), each followed by ChangeCipherSpec and a Finished " +
			"message no key can open. It records what the server does (which alert, a closed connection, silence). A safe server answers all " +
			"five alike; a server whose answer to a malformed padding differs tells an attacker whether a ciphertext decrypts, so it is an " +
			"oracle. A difference is checked by a second round of five connections and reported only when both rounds agree; otherwise it is " +
			"a note. A server without the RSA key exchange is not vulnerable.",
		Why: "With some tens of thousands of such queries an attacker decrypts a recorded TLS session that used the RSA key exchange (logins, " +
			"session cookies) or signs a message with the server's private key, without ever holding it.",
		Bad:  "ssl_ciphers HIGH:!aNULL:!MD5;   # keeps AES128-SHA and the other TLS_RSA_WITH_* suites, on a vulnerable TLS stack or load balancer",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384;",
		Fix: "Drop the RSA key exchange from nginx's ssl_ciphers and keep only ECDHE suites (the Mozilla \"intermediate\" list does), then " +
			"reload nginx; every browser of the last ten years speaks ECDHE. Update the TLS stack that answers: OpenSSL from your distribution's " +
			"security updates, or the firmware of the load balancer or TLS appliance in front of Django (F5 BIG-IP, Citrix NetScaler, Cisco " +
			"ACE, Radware and others shipped vulnerable versions).",
		References: []string{
			"https://robotattack.org/",
			"https://nvd.nist.gov/vuln/detail/CVE-2017-13099",
			"https://ssl-config.mozilla.org/",
		},
	},
	Run: runTLSRobot,
}

func runTLSRobot(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "robot")
	if bad {
		reportVuln(p, s, r, "robot", "the server's RSA key exchange is a Bleichenbacher padding oracle (ROBOT): "+r.Detail+"; drop the RSA key exchange (TLS_RSA_WITH_*) from ssl_ciphers and update the TLS stack", 0)
	}
}
