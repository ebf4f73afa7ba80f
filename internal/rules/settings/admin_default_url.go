package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// AdminDefaultURL finds the admin mounted at the well-known admin/ path.
var AdminDefaultURL = &analysis.Rule{
	ID: "DJS304", Name: "admin-default-url",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{14},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The admin is mounted at the default admin/ path",
		What: "Reports the URL pattern of the root URLconf (ROOT_URLCONF of a production settings module) that " +
			"mounts admin.site.urls at \"admin/\" (or ^admin/ with re_path or url).",
		Why: "Every scanner and password-guessing bot tries /admin/ first. Moving it does not replace strong " +
			"passwords, two-factor authentication and an IP allowlist, but it takes the site out of untargeted runs.",
		Bad:        "path(\"admin/\", admin.site.urls)",
		Good:       "path(\"backoffice-7f3a/\", admin.site.urls)",
		Fix:        "Mount the admin under a path that is not guessable, and restrict it by IP or VPN at the reverse proxy in front of Django (nginx allow and deny, djsec guard's admin allowlist, a firewall, a VPN-only listener).",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf"},
	},
	Run: func(pass *analysis.Pass) {
		s := st.Load(pass.Project)
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Check(e.Value("ROOT_URLCONF"), func(v *st.Value) bool { return v.Kind == st.Str })
			if !ok {
				return
			}
			f := s.ModuleFile(c.V.S)
			if f == nil {
				return
			}
			m, err := st.Parse(f)
			if err != nil || m == nil {
				return
			}
			python.Inspect(m, func(n python.Node) bool {
				call, ok := n.(*python.Call)
				if !ok || len(call.Args) < 2 {
					return true
				}
				fn, _ := python.DottedName(call.Func)
				fn = fn[strings.LastIndexByte(fn, '.')+1:]
				if fn != "path" && fn != "re_path" && fn != "url" {
					return true
				}
				k, ok := call.Args[0].(*python.Constant)
				if !ok {
					return true
				}
				route, _ := k.Value.(string)
				if strings.Trim(route, "^/$") != "admin" {
					return true
				}
				target, _ := python.DottedName(call.Args[1])
				if !strings.HasSuffix(target, "site.urls") {
					return true
				}
				p := m.File.Position(k.Pos())
				r.origin(st.Origin{Path: f.Path, Line: p.Line, Col: p.Col + 1}, "the admin is mounted at the default path "+route)
				return true
			})
		})
	},
}
