package infra

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// securityHeaders are the response headers whose loss a location's own
// add_header causes silently.
var securityHeaders = map[string]string{
	"strict-transport-security":  "Strict-Transport-Security",
	"x-frame-options":            "X-Frame-Options",
	"x-content-type-options":     "X-Content-Type-Options",
	"content-security-policy":    "Content-Security-Policy",
	"referrer-policy":            "Referrer-Policy",
	"permissions-policy":         "Permissions-Policy",
	"cross-origin-opener-policy": "Cross-Origin-Opener-Policy",
}

// NginxHeadersDropped finds locations whose own add_header drops the
// security headers the server or http block adds.
var NginxHeadersDropped = &analysis.Rule{
	ID: "DJI105", Name: "nginx-security-headers-dropped",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{693, 1021}, Checklist: []int{2, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A location's own add_header drops the server's security headers",
		What: "nginx inherits add_header from the enclosing level only when a level sets none of its own. This rule " +
			"reports a location (or an if inside one) that sets any add_header while an outer level adds security " +
			"headers (Strict-Transport-Security, X-Frame-Options, X-Content-Type-Options, Content-Security-Policy, " +
			"Referrer-Policy, Permissions-Policy) that the location does not repeat. add_header_inherit (nginx 1.29.3) " +
			"is modelled: merge, at the location or inherited from an outer level, keeps the outer headers. Low in a location " +
			"that serves the site's own static files from disk, with no application behind it: a path, alias or root named for " +
			"them (/static/, /assets/, /js/, /css/, /fonts/, /img/) or a regular expression of file extensions that names no " +
			"page (\\.(css|js|png)$), and neither named for uploads (media, uploads): the headers lost protect pages and " +
			"uploads, and browsers keep HSTS from the site's other responses.",
		Why: "The headers vanish from exactly the responses the location serves, silently: a Cache-Control header " +
			"added for static files takes HSTS and nosniff away from them, and an admin location with its own header " +
			"loses X-Frame-Options and becomes frameable.",
		Bad: "server {\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n" +
			"    location /static/ {\n        add_header Cache-Control \"public\";\n    }\n}",
		Good: "server {\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n" +
			"    location /static/ {\n        add_header Cache-Control \"public\";\n" +
			"        add_header Strict-Transport-Security \"max-age=63072000\" always;\n    }\n}",
		Fix: "Repeat the security headers in every location that sets its own add_header; keeping them in a snippet that each level includes avoids drift.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header",
			"https://www.peterbe.com/plog/be-very-careful-with-your-add_header-in-nginx",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				for _, l := range locations(s) {
					b := l.last()
					own := findAll(b.Block, "add_header")
					if len(own) == 0 {
						continue
					}
					outer := addHeaders(l[:len(l)-1])
					mine := headerNames(addHeaders(l))
					var lost []string
					for name := range headerNames(outer) {
						if pretty, ok := securityHeaders[name]; ok && mine[name] == nil {
							lost = append(lost, pretty)
						}
					}
					if len(lost) == 0 {
						continue
					}
					sort.Strings(lost)
					diag := analysis.Diagnostic{Location: loc(own[0]),
						Message: fmt.Sprintf("%s sets its own add_header, so nginx drops %s that the enclosing block adds: responses of this location go out without them",
							describe(b), strings.Join(lost, ", "))}
					if servesOwnAssets(l) {
						diag.Severity = report.Low
						diag.Message += "; the location serves the site's own static files from disk, with no application behind it: " +
							"these headers protect pages and uploads, and browsers keep HSTS from the site's other responses"
					}
					pass.Report(diag)
				}
			}
		}
	},
}

// servesOwnAssets reports whether the location at the end of chain l
// serves the site's own static files from disk: nothing in it hands
// requests to an application, and its path, alias or root is named for
// assets, or it matches file extensions that name no page, while none of
// them is named for uploads, whose content type nosniff guards.
func servesOwnAssets(l chain) bool {
	var at *inf.Directive // the innermost location
	for _, b := range l {
		if b.Name == "location" {
			at = b
		}
	}
	if at == nil || namedArea(at, uploadWords) {
		return false
	}
	for _, b := range l[slices.Index(l, at):] {
		if passes(b) != nil || fallsBackToNamed(b) {
			return false
		}
	}
	return namedArea(at, assetWords) || assetPattern(at)
}

// fallsBackToNamed reports a try_files whose last try is a named location
// (@app), which hands the requests no file answers to the application.
func fallsBackToNamed(b *inf.Directive) bool {
	d := find(b.Block, "try_files")
	return d != nil && len(d.Args) > 0 && strings.HasPrefix(d.Args[len(d.Args)-1], "@")
}

// assetWords name the folders of a site's own scripts, styles, fonts and
// images, which collectstatic or a front end's build puts there.
var assetWords = map[string]bool{"static": true, "staticfiles": true, "static_root": true, "collected_static": true,
	"assets": true, "js": true, "css": true, "fonts": true, "font": true, "img": true, "images": true, "icons": true, "emoji": true}

// uploadWords name the folders of files users upload.
var uploadWords = map[string]bool{"media": true, "upload": true, "uploads": true, "uploaded": true, "usercontent": true,
	"user_uploads": true, "attachments": true, "protected": true, "private": true}

// pageExtensions are the extensions of files a browser shows as pages or a
// server runs.
var pageExtensions = map[string]bool{"html": true, "htm": true, "shtml": true, "xhtml": true, "php": true, "phtml": true,
	"asp": true, "aspx": true, "jsp": true, "cgi": true, "pl": true, "py": true}

// assetPattern reports a regular-expression location that matches file
// extensions at the end of the path (location ~* \.(css|js|png)$), none of
// them a page's.
func assetPattern(l *inf.Directive) bool {
	if len(l.Args) < 2 || !strings.HasPrefix(l.Args[0], "~") {
		return false
	}
	re := l.Args[len(l.Args)-1]
	i := strings.LastIndex(re, `\.`)
	if i < 0 {
		return false
	}
	exts, tail := re[i+2:], ""
	if strings.HasPrefix(exts, "(") {
		j := strings.IndexByte(exts, ')')
		if j < 0 {
			return false
		}
		exts, tail = strings.TrimPrefix(exts[1:j], "?:"), exts[j+1:]
	} else if j := strings.IndexAny(exts, ")$"); j >= 0 {
		exts, tail = exts[:j], exts[j:]
	}
	if strings.Trim(tail, ")") != "$" || exts == "" {
		return false
	}
	for _, e := range strings.Split(strings.ToLower(exts), "|") {
		if !isWord(e) || pageExtensions[e] {
			return false
		}
	}
	return true
}

// isWord reports a non-empty run of letters and digits.
func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}
