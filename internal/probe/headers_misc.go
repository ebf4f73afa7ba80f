package probe

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// NosniffMissing finds responses without X-Content-Type-Options: nosniff.
var NosniffMissing = &analysis.Rule{
	ID: "DJL207", Name: "content-type-options-missing",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{7},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "X-Content-Type-Options: nosniff is not sent",
		What:  "djsec reads the home page's headers; X-Content-Type-Options missing or not nosniff is reported.",
		Why:   "Browsers may sniff an uploaded text file or JSON answer as HTML or script and run it; nosniff makes them trust the Content-Type.",
		Bad:   "SECURE_CONTENT_TYPE_NOSNIFF = False",
		Good:  "SECURE_CONTENT_TYPE_NOSNIFF = True  # the default, with SecurityMiddleware",
		Fix:   "Keep django.middleware.security.SecurityMiddleware with SECURE_CONTENT_TYPE_NOSNIFF = True (the default), or add the header in the proxy.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil {
			return
		}
		if !strings.EqualFold(strings.TrimSpace(home.Header.Get("X-Content-Type-Options")), "nosniff") {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "nosniff", Message: "no X-Content-Type-Options: nosniff: browsers may run content they sniff as script"})
		}
	},
}

// unsafe referrer policies send the full URL (with its query) to other sites.
var unsafeReferrer = map[string]bool{"unsafe-url": true, "no-referrer-when-downgrade": true, "origin-when-cross-origin": false}

// ReferrerPolicyUnsafe finds missing or leaky Referrer-Policy headers.
var ReferrerPolicyUnsafe = &analysis.Rule{
	ID: "DJL208", Name: "referrer-policy-header-unsafe",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{7},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Referrer-Policy is missing or sends full URLs to other sites",
		What:  "djsec reads Referrer-Policy on the home page: unsafe-url and no-referrer-when-downgrade are low; a missing header is info (browsers default to strict-origin-when-cross-origin).",
		Why:   "Full URLs leak tokens and personal data in paths and query strings (password-reset links, search terms) to every third party the page links to or loads from.",
		Bad:   "SECURE_REFERRER_POLICY = \"unsafe-url\"",
		Good:  "SECURE_REFERRER_POLICY = \"strict-origin-when-cross-origin\"  # Django's default",
		Fix:   "Set SECURE_REFERRER_POLICY = \"strict-origin-when-cross-origin\" (or same-origin) with SecurityMiddleware.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil {
			return
		}
		v := home.Header.Get("Referrer-Policy")
		if v == "" {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Severity: report.Info, Snippet: "missing", Message: "no Referrer-Policy header: the browser's default applies"})
			return
		}
		// The last policy a browser understands wins.
		parts := strings.Split(v, ",")
		last := strings.ToLower(strings.TrimSpace(parts[len(parts)-1]))
		if unsafeReferrer[last] {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: last, Message: fmt.Sprintf("Referrer-Policy is %s: full URLs, query strings included, go to other sites", last)})
		}
	},
}

// PermissionsPolicyMissing finds pages without a Permissions-Policy.
var PermissionsPolicyMissing = &analysis.Rule{
	ID: "DJL209", Name: "permissions-policy-missing",
	Severity: report.Info, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "No Permissions-Policy limits powerful browser features",
		What:  "djsec reports an HTML home page without a Permissions-Policy header.",
		Why:   "Without it, any script or frame on the page may ask for the camera, microphone, geolocation or payment APIs; a policy denies what the site never uses.",
		Bad:   "(no Permissions-Policy header)",
		Good:  "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()",
		Fix:   "Send Permissions-Policy denying the features the site does not use (django-permissions-policy, or the proxy).",
		References: []string{
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Permissions-Policy",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil || !isHTML(home) {
			return
		}
		if home.Header.Get("Permissions-Policy") == "" {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "missing", Message: "no Permissions-Policy header"})
		}
	},
}

// CrossOriginIsolationMissing finds pages without COOP and CORP.
var CrossOriginIsolationMissing = &analysis.Rule{
	ID: "DJL210", Name: "cross-origin-policies-missing",
	Severity: report.Info, Confidence: report.HighConfidence,
	CWE: []int{1021}, Checklist: []int{8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Cross-Origin-Opener-Policy or Cross-Origin-Resource-Policy is not set",
		What:  "djsec reports a home page without Cross-Origin-Opener-Policy (Django sets same-origin by default since 4.0) or without Cross-Origin-Resource-Policy.",
		Why:   "Without COOP a page opened by an attacker's window keeps a handle to it (tabnabbing, XS-Leaks); without CORP other sites can embed its resources and probe them with side channels (Spectre).",
		Bad:   "SECURE_CROSS_ORIGIN_OPENER_POLICY = None",
		Good:  "SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-origin\"\n# proxy: add_header Cross-Origin-Resource-Policy same-origin always;",
		Fix:   "Keep SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-origin\" and send Cross-Origin-Resource-Policy: same-origin (or same-site) from the proxy.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy",
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Cross-Origin_Resource_Policy",
		},
	},
	Run: func(p *analysis.Pass) {
		_, home := homePass(p)
		if home == nil || !isHTML(home) {
			return
		}
		for _, h := range []string{"Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy"} {
			if home.Header.Get(h) == "" {
				p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: h, Message: "no " + h + " header"})
			}
		}
	},
}

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
				if v == "" || seen[h+v] || (h == "Server" && !versionRe.MatchString(v)) {
					continue
				}
				seen[h+v] = true
				p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: h + ": " + v, Message: fmt.Sprintf("%s: %s discloses the software and its version", h, v)})
			}
		}
	},
}
