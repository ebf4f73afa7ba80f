package probe

import (
	"crypto/tls"
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSCipherOrder finds servers that let the client choose among suites of
// unequal strength.
var TLSCipherOrder = &analysis.Rule{
	ID: "DJL120", Name: "tls-cipher-order-not-enforced",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{757}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server lets the client pick a weak cipher suite",
		What: "At the highest version up to TLS 1.2 the server accepts, djsec offers the suites it accepts twice in hand-made ClientHellos, " +
			"strongest first and then weakest first (testssl.sh's test). When the server picks the first suite of each, it follows the client's order; " +
			"any other choice is the server's (Go and BoringSSL choose between AES-GCM and ChaCha20 by the client's first AEAD suite, and are not reported, where testssl.sh says they have no order). " +
			"That is low when it also accepts suites without forward secrecy, CBC, 3DES or RC4 (an old or hostile client gets them), " +
			"and info when every suite it accepts is strong: then the client's choice is as good as the server's, which is why Mozilla's intermediate " +
			"configuration turns server preference off. A server that enforces an order but puts a weak suite first is reported by DJL103 and DJL102.",
		Why: "Without a server order, each client decides: a client that lists CBC or static-RSA suites first gets them although the server " +
			"supports better ones, and an attacker who can alter the hello of a client without TLS 1.3 steers it there.",
		Bad:  "ssl_ciphers DEFAULT:@SECLEVEL=0;\nssl_prefer_server_ciphers off;",
		Good: "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;\nssl_prefer_server_ciphers off;   # every suite is strong",
		Fix: "In nginx, keep only strong suites (the Mozilla intermediate ssl_ciphers list); if weak ones must stay for old clients, " +
			"list the strong ones first and turn on ssl_prefer_server_ciphers.",
		References: []string{
			"https://ssl-config.mozilla.org/",
			"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_prefer_server_ciphers",
			"https://github.com/ssllabs/research/wiki/SSL-and-TLS-Deployment-Best-Practices",
		},
	},
	Run: runTLSCipherOrder,
}

func runTLSCipherOrder(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	o := info.Order
	if !o.Tested || o.ServerOrder {
		return
	}
	var weak []string
	for _, id := range info.Accepted[o.Version] {
		if suiteRank(id) > 0 {
			weak = append(weak, tls.CipherSuiteName(id))
		}
	}
	if suiteRank(o.Picks[1]) == 0 {
		weak = nil // what the weakest-first offer got is strong
	}
	d := analysis.Diagnostic{
		Location: s.tlsLocation(),
		Snippet:  "cipher order",
		Properties: map[string]any{
			"protocol": versionNames[o.Version], "picked_strong_first": tls.CipherSuiteName(o.Picks[0]),
			"picked_weak_first": tls.CipherSuiteName(o.Picks[1]), "server_order": false,
		},
	}
	if len(weak) == 0 {
		d.Severity = report.Info
		d.Message = fmt.Sprintf("the server follows the client's cipher order at %s (it picked %s, then %s); harmless here, every suite it accepts is strong",
			versionNames[o.Version], tls.CipherSuiteName(o.Picks[0]), tls.CipherSuiteName(o.Picks[1]))
	} else {
		d.Message = fmt.Sprintf("the server follows the client's cipher order at %s: offered the weakest first, it picked %s; a client can get %s",
			versionNames[o.Version], tls.CipherSuiteName(o.Picks[1]), joinList(weak))
	}
	p.Report(d)
}
