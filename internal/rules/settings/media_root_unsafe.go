package settings

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// MediaRootUnsafe finds uploads stored among static files or source code.
var MediaRootUnsafe = &analysis.Rule{
	ID: "DJS408", Name: "media-root-unsafe",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{434, 552}, Checklist: []int{6},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Uploads are stored among static files or source code",
		What: "Reports MEDIA_ROOT when it is STATIC_ROOT, inside it or around it, when it is the project's root " +
			"folder, when it holds the project's Python files, and (low) when it is a folder of its own inside a " +
			"Python package. " +
			"A dedicated folder such as BASE_DIR / \"media\" is fine. Absolute paths outside the scanned tree " +
			"are only compared with STATIC_ROOT.",
		Why: "Uploaded files in the static tree are served, cached and fingerprinted like the site's own scripts; " +
			"uploads among source code can overwrite or shadow modules, templates or configuration.",
		Bad:        "MEDIA_ROOT = BASE_DIR",
		Good:       "MEDIA_ROOT = BASE_DIR / \"media\"",
		Fix:        "Give uploads a folder of their own outside STATIC_ROOT and the source tree, or use object storage.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			pathOf := func(name string) (st.Case, string, bool) {
				c, ok := st.Check(e.Value(name), func(v *st.Value) bool { return v.IsString() && v.S != "" })
				if !ok {
					return c, "", false
				}
				return c, path.Clean(c.V.S), true
			}
			media, m, ok := pathOf("MEDIA_ROOT")
			if !ok {
				return
			}
			if _, s, ok := pathOf("STATIC_ROOT"); ok {
				switch {
				case m == s:
					r.at(media, "MEDIA_ROOT is STATIC_ROOT"+media.When()+", so uploads are served as static files")
					return
				case within(m, s):
					r.at(media, "MEDIA_ROOT is inside STATIC_ROOT"+media.When()+", so uploads are served as static files")
					return
				case within(s, m):
					r.at(media, "MEDIA_ROOT holds STATIC_ROOT"+media.When()+", so uploads sit among the static files")
					return
				}
			}
			if !strings.HasPrefix(m, "/") {
				return
			}
			rel := strings.TrimPrefix(m, "/")
			if rel == "" {
				r.at(media, "MEDIA_ROOT is the project's root folder"+media.When()+", so uploads sit next to the source code")
				return
			}
			for _, f := range pass.Project.Files {
				if strings.HasPrefix(f.Path, rel+"/") && strings.HasSuffix(f.Path, ".py") {
					r.at(media, "MEDIA_ROOT holds Python source ("+f.Path+")"+media.When()+", so uploads sit among source code")
					return
				}
			}
			if pkg := packageAround(pass.Project, rel); pkg != "" {
				// A folder of its own that holds no source (a package
				// would hold its __init__.py): uploads cannot reach the
				// modules around it, but they ship and deploy with them.
				d := pendingAt(media, "MEDIA_ROOT is a folder of its own inside the Python package "+pkg+media.When()+
					", so uploads travel with the source (packaged, copied into images, deployed with the code)")
				d.Severity = report.Low
				r.add(d)
			}
		})
	},
}

// within reports whether path a is strictly inside folder b.
func within(a, b string) bool { return a != b && strings.HasPrefix(a, strings.TrimSuffix(b, "/")+"/") }

// packageAround returns the innermost folder around rel (or rel itself) that
// is a Python package of the project.
func packageAround(p *project.Project, rel string) string {
	for d := rel; d != "." && d != "" && d != "/"; d = path.Dir(d) {
		if p.File(d+"/__init__.py") != nil {
			return d
		}
	}
	return ""
}
