package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsIn("requests", "httpx") }

// TLSVerificationDisabled finds HTTP clients told not to check certificates.
var TLSVerificationDisabled = &analysis.Rule{
	ID:         "DJC202",
	Name:       "tls-verification-disabled",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{295},
	Checklist:  []int{2, 4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "An HTTP client does not verify TLS certificates",
		What: "Reports requests and httpx calls, sessions and clients created with verify=False, and " +
			"session.verify = False assignments. verify=True and verify=<CA bundle path> are not reported.",
		Why: "Without certificate checks anyone on the network path can impersonate the remote service, read the " +
			"API keys sent to it and feed the application forged answers.",
		Bad:  "requests.post(PAYMENT_URL, json=payload, verify=False)",
		Good: "requests.post(PAYMENT_URL, json=payload, verify=\"/etc/ssl/certs/partner-ca.pem\")",
		Fix:  "Remove verify=False; if the service uses a private CA, pass its bundle with verify=PATH.",
		References: []string{"https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
			"https://www.python-httpx.org/advanced/ssl/", "https://cwe.mitre.org/data/definitions/295.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			ix := m.Index()
			for _, s := range ix.Calls {
				if !strings.HasPrefix(s.Q, "requests.") && !strings.HasPrefix(s.Q, "httpx.") {
					continue
				}
				if v, ok := constBool(kw(s.Call, "verify")); ok && !v {
					pass.Reportf(m.Location(s.Call), "%s is called with verify=False: TLS certificates are not checked", s.Q)
				}
			}
			for _, a := range ix.Assigns {
				if v, ok := constBool(a.Value); ok && !v {
					for _, t := range a.Targets {
						if at, ok := t.(*python.Attribute); ok && at.Attr == "verify" {
							pass.Reportf(m.Location(a), "%s = False turns off TLS certificate checks for the session", m.Text(at))
						}
					}
				}
			}
		}
	},
}
