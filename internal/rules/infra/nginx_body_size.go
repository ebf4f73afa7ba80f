package infra

import (
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// NginxBodySize finds client_max_body_size 0 (no limit) and limits of a
// gigabyte or more.
var NginxBodySize = &analysis.Rule{
	ID: "DJI109", Name: "nginx-body-size-unlimited",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{770, 400}, Checklist: []int{1, 6},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx accepts request bodies of any size",
		What: "Reports client_max_body_size 0, which turns the limit off, and, with low severity, limits of one " +
			"gigabyte or more. nginx's default of 1m is safe and not reported.",
		Why: "nginx buffers request bodies to disk before the application sees them: without a limit one client " +
			"fills the disk or ties up workers with endless uploads, and Django's DATA_UPLOAD_MAX_MEMORY_SIZE " +
			"never gets to refuse them.",
		Bad:  "client_max_body_size 0;",
		Good: "client_max_body_size 25m;",
		Fix:  "Set client_max_body_size to the largest upload the application accepts (for example 25m), in the server or in the upload location only.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			c.walkAll(func(d *inf.Directive) {
				if d.Name != "client_max_body_size" {
					return
				}
				n, ok := nginxSize(d.Arg(0))
				switch {
				case !ok:
				case n == 0:
					pass.Reportf(loc(d), "client_max_body_size 0 turns the request body limit off: one client can fill the disk or tie up workers with an endless upload")
				case n >= 1<<30:
					pass.Report(analysis.Diagnostic{Location: loc(d), Severity: report.Low,
						Message: "client_max_body_size " + d.Arg(0) + " lets every request carry a gigabyte or more; limit it to the largest upload the application accepts"})
				}
			})
		}
	},
}

// nginxSize parses an nginx size (10, 10k, 10m, 1g).
func nginxSize(s string) (int64, bool) {
	s = strings.ToLower(s)
	mul := int64(1)
	switch {
	case strings.HasSuffix(s, "k"):
		mul, s = 1<<10, s[:len(s)-1]
	case strings.HasSuffix(s, "m"):
		mul, s = 1<<20, s[:len(s)-1]
	case strings.HasSuffix(s, "g"):
		mul, s = 1<<30, s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, false
	}
	return n * mul, true
}
