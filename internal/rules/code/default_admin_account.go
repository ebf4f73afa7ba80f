package code

import (
	"fmt"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/infra"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("create_superuser") }

// DefaultAdminAccount finds superusers created with a password written in
// the code.
var DefaultAdminAccount = &analysis.Rule{
	ID:         "DJC233",
	Name:       "default-admin-account",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{798, 1392},
	Checklist:  []int{5, 14},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A superuser is created with a password written in the code",
		What: "Reports create_superuser(...) calls whose password is a literal (password=\"admin\", or the third " +
			"argument), outside tests. The finding is high when the call sits in a management command that a " +
			"deployment file of the project runs (a Dockerfile, compose file, Procfile, manifest or shell script: " +
			"manage.py create_admin in the image's start script, even on a branch an environment variable chooses), since a site " +
			"deployed so has that account; " +
			"medium in other code, and low in development folders, tests and commands (dev/, tests_navbar.py, a command " +
			"named for test, demo or development data: create_test_admin, createdevdata, a module that imports factory_boy or Faker to make " +
			"fake rows, or a function that first refuses to go on unless DEBUG is on: " +
			"if settings.DEBUG is not True: raise CommandError(...)).",
		Why: "The account and its password are in the repository: anyone who reads it can log in to the admin of " +
			"every site that ran the code and kept the password, and change anything there.",
		Bad:  "User.objects.create_superuser(\"admin\", \"admin@example.org\", \"admin\")",
		Good: "User.objects.create_superuser(username, email, os.environ[\"DJANGO_SUPERUSER_PASSWORD\"])",
		Fix: "Read the password from the environment or a secret (Django's createsuperuser --noinput reads " +
			"DJANGO_SUPERUSER_PASSWORD), or create the account by hand once; never ship one password to every site.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/django-admin/#createsuperuser",
			"https://cwe.mitre.org/data/definitions/1392.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			for _, st := range m.Index().Calls {
				c := st.Call
				a, ok := c.Func.(*python.Attribute)
				if !ok || a.Attr != "create_superuser" {
					continue
				}
				password, ok := constStr(c.Arg(2, "password"))
				if !ok || password == "" {
					continue
				}
				d := analysis.Diagnostic{
					Location: m.Location(c),
					Message:  fmt.Sprintf("a superuser is created with the password %q, written in the code", password),
				}
				command := managementCommand(m)
				switch {
				case developmentModule(m.File.Path):
					d.Severity = report.Low
					d.Message += "; in code for development, which no deployment should run"
				case fakesData(m):
					d.Severity = report.Low
					d.Message += "; in a module that makes fake data (it imports factory_boy or Faker), for development sites"
				case debugOnly(m, c):
					d.Severity = report.Low
					d.Message += "; the function refuses to go on unless DEBUG is on, so only a development site gets the account"
				case command:
					name := strings.TrimSuffix(path.Base(m.File.Path), ".py")
					if at, ok := infra.CommandRunBy(pass.Project, name); ok {
						d.Severity = report.High
						d.Message += fmt.Sprintf("; %s:%d runs the command %s where the site is deployed, so a site deployed so has this account", at.Path, at.Line, name)
					} else {
						d.Message += "; whoever runs the command " + name + " gives every reader of the repository a login"
					}
				}
				pass.Report(d)
			}
		}
	},
}

// fakesData reports a module that imports factory_boy or Faker at its top
// level: code that fills a site with made-up rows, which development and
// demo sites run, not production.
func fakesData(m *taint.Module) bool {
	for _, s := range m.Tree().Body {
		switch x := s.(type) {
		case *python.Import:
			for _, a := range x.Names {
				if root, _, _ := strings.Cut(a.Name, "."); root == "factory" || root == "faker" {
					return true
				}
			}
		case *python.ImportFrom:
			if root, _, _ := strings.Cut(x.Module, "."); x.Level == 0 && (root == "factory" || root == "faker") {
				return true
			}
		}
	}
	return false
}

// debugOnly reports a call in a function that first returns or raises
// unless DEBUG is on (if settings.DEBUG is not True: raise
// CommandError(...)): a command for development sites.
func debugOnly(m *taint.Module, c *python.Call) bool {
	var fn *python.FunctionDef
	for _, d := range m.Index().Funcs {
		if d.Pos() <= c.Pos() && c.End() <= d.End() && (fn == nil || d.Pos() >= fn.Pos()) {
			fn = d // the innermost def around the call
		}
	}
	if fn == nil {
		return false
	}
	for _, s := range fn.Body {
		if e, ok := s.(*python.ExprStmt); ok {
			if _, doc := e.Value.(*python.Constant); doc {
				continue
			}
		}
		test := access.ExitTest(s)
		return test != nil && access.DevTest(test) == -1
	}
	return false
}

// developmentModule reports code for development or tests by its path: a
// folder or a module named for development, demo, test or fixture data
// (dev/, tests_navbar.py, create_test_admin.py, createdevdata.py).
func developmentModule(rel string) bool {
	for _, seg := range strings.Split(strings.ToLower(rel), "/") {
		seg = strings.TrimSuffix(seg, ".py")
		if strings.HasSuffix(seg, "devdata") || strings.HasSuffix(seg, "demodata") {
			return true // createdevdata: one word made of several
		}
		for _, w := range strings.FieldsFunc(seg, func(r rune) bool { return r == '_' || r == '-' }) {
			switch w {
			case "dev", "development", "demo", "mock", "fake", "fixtures", "testdata", "sample", "seed", "test", "tests":
				return true
			}
		}
	}
	return false
}
