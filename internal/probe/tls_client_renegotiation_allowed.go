package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSClientRenegotiation finds servers that renegotiate whenever a client
// asks.
var TLSClientRenegotiation = &analysis.Rule{
	ID: "DJL133", Name: "tls-client-renegotiation-allowed",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{400}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server accepts client-initiated TLS renegotiation",
		What: "djsec completes a handshake at the best version the server accepts up to TLS 1.2 (ECDHE or RSA key exchange, AES-GCM or AES-CBC) and sends a " +
			"second ClientHello inside the encrypted session, as " +
			"`openssl s_client` does when testssl.sh types R. A server that answers with a ServerHello is reported; a no_renegotiation alert, " +
			"another alert, a closed connection or silence means it refuses. A server without any AES suite (or with SSLv3 only), or one that " +
			"requires a client certificate, cannot be tested this way: the report says so in a note.",
		Why: "A renegotiation costs the server a full handshake's private-key operation and the client almost nothing, over one TCP connection " +
			"that no connection limit sees: a handful of clients can keep the TLS terminator's CPU busy (THC-SSL-DOS). With insecure " +
			"renegotiation it also opens request splicing (CVE-2009-3555).",
		Bad:  "openssl s_server -client_renegotiation, or an old appliance terminating TLS",
		Good: "nginx (it has refused client-initiated renegotiation since 0.8.23), OpenSSL 3's default",
		Fix: "Let nginx terminate TLS, or disable client-initiated renegotiation on whatever does (HAProxy and current load balancers refuse it by " +
			"default; update old firmware). gunicorn's own TLS (--certfile) is Python's ssl module: put nginx in front instead.",
		References: []string{
			"https://www.thc.org/thc-ssl-dos/",
			"https://datatracker.ietf.org/doc/html/rfc5746",
		},
	},
	Run: runTLSClientRenegotiation,
}

func runTLSClientRenegotiation(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "client-renegotiation")
	if bad {
		reportVuln(p, s, r, "client renegotiation", r.Detail+": any client can make the server redo its costliest handshake step at will", 0)
	}
}
