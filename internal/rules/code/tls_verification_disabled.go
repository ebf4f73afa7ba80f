package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
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
			"session.verify = False assignments, and, in a module that imports requests or httpx, verify=False given to a method of an " +
			"object named for a session or a client (s.send(prepped, verify=False) after s = requests.Session(), self.client.get(url, verify=False)). verify=True and verify=<CA bundle path> are not reported. A GET, HEAD or OPTIONS of the module-level API given the URL alone (requests.get(url, verify=False, timeout=10): " +
			"no auth, headers, cookies, params or body) is medium: it sends no credential, and a forged answer is the risk; " +
			"low when the code reads only the answer's status (response.status_code, ok, raise_for_status(): a health or link check).",
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
			var status *statusIndex // made at the first bare fetch
			for _, s := range ix.Calls {
				if !strings.HasPrefix(s.Q, "requests.") && !strings.HasPrefix(s.Q, "httpx.") {
					continue
				}
				if v, ok := constBool(kw(s.Call, "verify")); ok && !v {
					if bareFetch(s.Q, s.Call) && statusOnly(m, s.Call, &status) {
						pass.Report(analysis.Diagnostic{Location: m.Location(s.Call), Severity: report.Low,
							Message: fmt.Sprintf("%s is called with verify=False: TLS certificates are not checked; but only the answer's "+
								"status is read (a health or link check) and nothing sent carries a credential, so an attacker on the path "+
								"can only make the service look up or down", s.Q)})
						continue
					}
					if bareFetch(s.Q, s.Call) {
						pass.Report(analysis.Diagnostic{Location: m.Location(s.Call), Severity: report.Medium,
							Message: fmt.Sprintf("%s is called with verify=False: TLS certificates are not checked; it sends no credentials "+
								"(no auth, headers, cookies, body or query of the code's), so what an attacker on the path gains is a forged answer", s.Q)})
						continue
					}
					pass.Reportf(m.Location(s.Call), "%s is called with verify=False: TLS certificates are not checked", s.Q)
				}
			}
			if bytesearch.Contains(m.Content(), "verify=False") {
				sessionCalls(pass, m)
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

// bareFetch reports a GET, HEAD or OPTIONS of the module-level API
// (requests.get, httpx.head) given the URL alone, and verify and
// transport options: nothing it sends can carry a credential (no auth,
// headers, cookies, params, body or a client certificate).
func bareFetch(q string, c *python.Call) bool {
	switch lastName(q) {
	case "get", "head", "options":
	default:
		return false
	}
	if len(c.Args) > 1 {
		return false // requests.get(url, params)
	}
	for _, k := range c.Keywords {
		switch k.Arg {
		case "verify", "timeout", "allow_redirects", "follow_redirects", "stream", "proxies":
		default:
			return false // auth=, headers=, params=, **kwargs
		}
	}
	return true
}

// statusOnly reports a call whose answer the code reads only for its
// status: requests.head(url, verify=False).status_code, or response =
// requests.head(...) in a function that then reads nothing of response
// but status_code, ok, reason and raise_for_status().
func statusOnly(m *taint.Module, c *python.Call, idx **statusIndex) bool {
	if *idx == nil {
		*idx = indexStatusReads(m.Tree())
	}
	x := *idx
	if x.direct[c] {
		return true
	}
	b, ok := x.bound[c]
	if !ok {
		return false
	}
	u := x.uses[b]
	// the assignment's target is the one use that is no read
	return u.reads > 0 && u.names == u.reads+1
}

// statusAttrs are what a response says of its status alone.
var statusAttrs = map[string]bool{"status_code": true, "ok": true, "reason": true, "raise_for_status": true, "is_success": true, "is_error": true}

// statusIndex is what a module does with the answers of its calls, found
// in one walk: the calls read at once for their status, the names calls
// are assigned to in each function, and how each such name is used there.
type statusIndex struct {
	direct map[*python.Call]bool
	bound  map[*python.Call]boundName
	uses   map[boundName]nameUses
}

// boundName is a name in the function that binds it (nil at module level).
type boundName struct {
	def  *python.FunctionDef
	name string
}

// nameUses counts a name's appearances and those that read a status.
type nameUses struct{ names, reads int }

func indexStatusReads(tree *python.Module) *statusIndex {
	x := &statusIndex{direct: map[*python.Call]bool{}, bound: map[*python.Call]boundName{}, uses: map[boundName]nameUses{}}
	python.InspectStack(tree, func(n python.Node, stack []python.Node) bool {
		var def *python.FunctionDef
		for i := len(stack) - 1; i >= 0 && def == nil; i-- {
			def, _ = stack[i].(*python.FunctionDef)
		}
		switch y := n.(type) {
		case *python.Attribute:
			if c, ok := y.Value.(*python.Call); ok && statusAttrs[y.Attr] {
				x.direct[c] = true
			}
			if v, ok := y.Value.(*python.Name); ok && statusAttrs[y.Attr] {
				k := boundName{def, v.ID}
				u := x.uses[k]
				u.reads++
				x.uses[k] = u
			}
		case *python.Assign:
			if c, ok := y.Value.(*python.Call); ok && len(y.Targets) == 1 {
				if t, ok := y.Targets[0].(*python.Name); ok {
					x.bound[c] = boundName{def, t.ID}
				}
			}
		case *python.Name:
			k := boundName{def, y.ID}
			u := x.uses[k]
			u.names++
			x.uses[k] = u
		}
		return true
	})
	return x
}

// sessionMethods are the methods of a requests Session and an httpx
// Client that take verify.
var sessionMethods = map[string]bool{"send": true, "request": true, "get": true, "post": true, "put": true,
	"patch": true, "delete": true, "head": true, "options": true, "stream": true}

// sessionCalls reports verify=False given to a session's or client's
// method, in a module that imports requests or httpx: s.send(prepped,
// verify=False) after s = requests.Session(), or self.session.get(url,
// verify=False). The index holds calls to the libraries themselves, not
// to the objects they return.
func sessionCalls(pass *analysis.Pass, m *taint.Module) {
	src := m.Content()
	if !bytesearch.Contains(src, "import requests") && !bytesearch.Contains(src, "from requests") &&
		!bytesearch.Contains(src, "import httpx") && !bytesearch.Contains(src, "from httpx") {
		return
	}
	python.Inspect(m.Tree(), func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok {
			return true
		}
		a, ok := c.Func.(*python.Attribute)
		if !ok || !sessionMethods[a.Attr] || !sessionLike(a.Value) {
			return true
		}
		if q := m.QualName(c.Func); strings.HasPrefix(q, "requests.") || strings.HasPrefix(q, "httpx.") {
			return true // requests.get(..., verify=False): the index reports it
		}
		if v, ok := constBool(kw(c, "verify")); ok && !v {
			pass.Reportf(m.Location(c), "%s is called with verify=False: TLS certificates are not checked", m.Text(c.Func))
		}
		return true
	})
}

// sessionLike reports the object of a call that names a session or a
// client: s, session, self.session, http_client, client.
func sessionLike(e python.Expr) bool {
	name := ""
	switch x := e.(type) {
	case *python.Name:
		name = x.ID
	case *python.Attribute:
		name = x.Attr
	}
	name = strings.ToLower(name)
	return name == "s" || strings.Contains(name, "session") || strings.Contains(name, "client") || name == "http"
}
