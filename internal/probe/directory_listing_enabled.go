package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// DirectoryListing finds browsable directory indexes of static and media.
var DirectoryListing = &analysis.Rule{
	ID: "DJL409", Name: "directory-listing-enabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{548}, Checklist: []int{6},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Directory listings are served under /static/ or /media/",
		What: "djsec requests /static/ and /media/ and recognizes directory indexes (nginx and Apache autoindex, Django's static serve with show_indexes, " +
			"Python's http.server). /media/ is medium: it holds what users uploaded; /static/ low.",
		Why:  "A listing of /media/ hands out every user's uploads (invoices, ID scans, avatars) without guessing names; /static/ listings reveal apps and versions.",
		Bad:  "location /media/ { alias /srv/media/; autoindex on; }",
		Good: "location /media/ { alias /srv/media/; autoindex off; }",
		Fix:  "Turn off autoindex (nginx) or Options -Indexes (Apache), and never use django.views.static.serve with show_indexes in production.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_autoindex_module.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		checkPaths(p, s, []pathCheck{
			{path: "/static/", marker: listingRe(), what: "/static/ serves a directory listing"},
			{path: "/media/", marker: listingRe(), severity: report.Medium, what: "/media/ serves a directory listing of uploaded files"},
		})
	},
}
