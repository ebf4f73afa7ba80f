package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("format_html") }

// FormatHTMLWithoutArgs finds format_html given a string that was
// formatted before the call, and nothing to escape.
var FormatHTMLWithoutArgs = &analysis.Rule{
	ID:         "DJC229",
	Name:       "format-html-without-arguments",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{79},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "format_html is given a string formatted before the call, so nothing in it is escaped",
		What: "Reports django.utils.html.format_html called with one argument and no values to format, when that " +
			"argument is an f-string with values, a % or .format() of values, or a concatenation with values: " +
			"format_html escapes only the values passed after the format string, and marks the whole " +
			"result safe. A literal string alone, and a variable (which may hold what another format_html made), are left alone. In the admin (admin.py, an admin/ package), where " +
			"the values are mostly what staff typed, the finding is low. Django deprecated the call without arguments " +
			"in 5.0 and refuses it from 6.0.",
		Why: "The call looks like the safe way to build HTML, so reviewers pass over it; but the values were put in " +
			"by the f-string before format_html saw them. A name or title that holds <script> runs in the page, " +
			"often the admin's list view, in a staff member's session.",
		Bad:  "return format_html(f'<a href=\"{url}\">{obj.user.get_full_name()}</a>')",
		Good: "return format_html('<a href=\"{}\">{}</a>', url, obj.user.get_full_name())",
		Fix:  "Put {} placeholders in a literal format string and pass the values as arguments: format_html(\"<code>{}</code>\", value).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html",
			"https://docs.djangoproject.com/en/5.0/releases/5.0/#features-deprecated-in-5-0",
			"https://cwe.mitre.org/data/definitions/79.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			for _, st := range m.Index().Calls {
				if st.Q != "django.utils.html.format_html" || len(st.Call.Args) != 1 || len(st.Call.Keywords) != 0 {
					continue
				}
				how := preformatted(st.Call.Args[0])
				if how == "" || escapedValues(m, st.Call.Args[0]) {
					continue
				}
				d := analysis.Diagnostic{
					Location: m.Location(st.Call),
					Message: "format_html is given " + how + " and no values to escape: whatever the values hold is " +
						"output as HTML; pass them as arguments after a literal format string",
				}
				switch {
				case adminModule(m.File.Path):
					d.Severity = report.Low
					d.Message += "; it is in the admin (" + m.File.Path + "), where staff mostly typed the values"
				case st.Func != nil && adminDisplay(m, st.Func):
					d.Severity = report.Low
					d.Message += "; " + st.Func.Name + " is a column of the admin (@admin.display), where staff mostly typed the values"
				}
				pass.Report(d)
			}
		}
	},
}

// preformatted says how an argument of format_html was formatted before
// the call ("an f-string", "a string formatted with %"), or "" for a
// literal, which holds no values.
func preformatted(e python.Expr) string {
	switch x := e.(type) {
	case *python.Constant:
		return ""
	case *python.JoinedStr:
		for _, v := range x.Values {
			if _, ok := v.(*python.FormattedValue); ok {
				return "an f-string"
			}
		}
		return ""
	case *python.BinOp:
		if x.Op == python.Mod {
			return "a string formatted with %"
		}
		if x.Op == python.Add && concatMarkup(x) {
			return "a string built with +"
		}
		return ""
	case *python.Call:
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "format" && (len(x.Args) > 0 || len(x.Keywords) > 0) {
			return "a string formatted with .format()"
		}
		return ""
	}
	// a variable may hold what another format_html made, already safe
	return ""
}

// concatMarkup reports a + chain that joins literal markup with values:
// "<em>" + label + "</em>". A sum of variables alone (head + body) may
// join what other format_html calls made, already safe.
func concatMarkup(e *python.BinOp) bool {
	var literal, value bool
	var walk func(python.Expr)
	walk = func(x python.Expr) {
		switch y := x.(type) {
		case *python.BinOp:
			if y.Op == python.Add {
				walk(y.Left)
				walk(y.Right)
				return
			}
			value = true
		case *python.Constant:
			literal = true
		case *python.JoinedStr:
			literal = true
			value = value || preformatted(y) != ""
		default:
			value = true
		}
	}
	walk(e)
	return literal && value
}

// escapedValues reports a formatted string whose every value is safe in
// HTML: a URL reverse() made, a static file's URL, something escaped or
// made by format_html, a number, a literal. message.format(url=reverse(...))
// puts nothing of anyone's into the markup.
func escapedValues(m *taint.Module, e python.Expr) bool {
	switch x := e.(type) {
	case *python.JoinedStr, *python.Call:
	case *python.BinOp:
		if x.Op != python.Mod {
			return false
		}
	default:
		return false
	}
	values := formatValues(e)
	for _, v := range values {
		if !safeHTMLValue(m, v) {
			return false
		}
	}
	return len(values) > 0
}

func safeHTMLValue(m *taint.Module, e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		return true
	case *python.Call:
		switch lastName(m.QualName(x.Func)) {
		case "reverse", "reverse_lazy", "static", "escape", "conditional_escape", "format_html", "int", "len", "urlencode", "quote":
			return true
		}
	}
	return false
}

// adminDisplay reports a method the admin shows as a column: decorated
// with @admin.display.
func adminDisplay(m *taint.Module, def *python.FunctionDef) bool {
	for _, d := range def.DecoratorList {
		if c, ok := d.(*python.Call); ok {
			d = c.Func
		}
		if q := m.QualName(d); q == "django.contrib.admin.display" || lastName(q) == "display" {
			return true
		}
	}
	return false
}
