package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// VersionDisclosed finds Server and X-Powered-By headers naming versions.
var VersionDisclosed = &analysis.Rule{
	ID: "DJL211", Name: "server-version-disclosed",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{1, 9},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Server or X-Powered-By headers disclose software versions",
		What:  "djsec reads the Server and X-Powered-By headers of the home page and of a not-found page: a value with a version number (nginx/1.22.1, gunicorn/20.1.0, WSGIServer/0.2 CPython/3.11) is reported, and so is any X-Powered-By.",
		Why:   "Exact versions let an attacker pick known exploits without probing, and show which hosts lag behind on updates.",
		Bad:   "Server: nginx/1.22.1",
		Good:  "Server: nginx",
		Fix:   "Hide versions: nginx server_tokens off; gunicorn behind a proxy that drops its Server header (proxy_hide_header); remove X-Powered-By.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens",
		},
	},
	Run: func(p *analysis.Pass) {
		s, home := homePass(p)
		if home == nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range []*Response{home, s.Baseline("/x")} {
			if r == nil {
				continue
			}
			for _, h := range []string{"Server", "X-Powered-By"} {
				v := r.Header.Get(h)
				if v == "" || seen[h+v] || (h == "Server" && !versionRe().MatchString(v)) {
					continue
				}
				seen[h+v] = true
				p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: h + ": " + v, Message: fmt.Sprintf("%s: %s discloses the software and its version", h, v)})
			}
		}
	},
}
