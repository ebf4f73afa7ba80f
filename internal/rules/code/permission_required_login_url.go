package code

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("permission_required") }

// PermissionAsLoginURL finds Django's permission_required given a second
// permission where it takes the login URL.
var PermissionAsLoginURL = &analysis.Rule{
	ID:         "DJC234",
	Name:       "permission-as-login-url",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{285, 863},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "permission_required is given a second permission where it takes the login URL",
		What: "Reports calls of django.contrib.auth.decorators.permission_required (as a decorator or wrapping a view in " +
			"urls.py) whose second positional argument is a string written like a permission (app_label.codename: " +
			"\"sessao.change_ordemdia\"). permission_required(perm, login_url=None, raise_exception=False) takes the login " +
			"URL there, so that permission is never checked. A URL or a URL name (\"/login/\", \"accounts:login\") is left alone.",
		Why: "The view checks only the first permission: a user granted it but denied the second reaches the view, while " +
			"the code reads as if both were required. Users without the first are sent to a page named like a permission, " +
			"which is a 404.",
		Bad:  "@permission_required(\"orders.change_order\", \"orders.refund_order\")\ndef refund(request, pk): ...",
		Good: "@permission_required((\"orders.change_order\", \"orders.refund_order\"))\ndef refund(request, pk): ...",
		Fix:  "Pass the permissions as one tuple or list: permission_required((\"app.first\", \"app.second\")); give the login URL by keyword (login_url=...) if the view needs its own.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/default/#the-permission-required-decorator",
			"https://cwe.mitre.org/data/definitions/863.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			for _, st := range m.Index().Calls {
				c := st.Call
				if len(c.Args) < 2 || m.QualName(c.Func) != "django.contrib.auth.decorators.permission_required" {
					continue
				}
				second, ok := constStr(c.Args[1])
				if !ok || !permissionName().MatchString(second) {
					continue
				}
				checked, fix := m.Text(c.Args[0]), "add it to the permissions given first"
				if s, ok := constStr(c.Args[0]); ok {
					checked, fix = s, fmt.Sprintf("pass both as one tuple: permission_required((%s, %s))", m.Text(c.Args[0]), m.Text(c.Args[1]))
				}
				pass.Reportf(m.Location(c), "permission_required takes %q as its login URL, not as a permission: only %s is "+
					"checked, and users without it are sent to a page of that name; %s", second, checked, fix)
			}
		}
	},
}

// permissionName matches a permission's name, app_label.codename: no
// slash, colon or scheme, which a login URL or a URL name would have.
var permissionName = lazyre.New(`^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$`)
