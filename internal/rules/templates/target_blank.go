package templates

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tplsrc"
)

// TargetBlankWithoutNoopener finds links that open a URL taken from the
// context in a new window without rel="noopener".
var TargetBlankWithoutNoopener = &analysis.Rule{
	ID:         "DJT104",
	Name:       "target-blank-without-noopener",
	Severity:   report.Info,
	Confidence: report.MediumConfidence,
	CWE:        []int{1022},
	Checklist:  []int{7},
	Scope:      analysis.PerFile,
	Files:      project.Text,
	Needs:      tplsrc.Prepare,
	Doc: analysis.Doc{
		Title: "Link to a variable URL opens a new window without rel=\"noopener\"",
		What: "An `<a>` or `<area>` with `target=\"_blank\"` whose `href` starts with a variable (`href=\"{{ link.url }}\"`, " +
			"`href=\"https://{{ domain }}/\"`), so the page it opens can be anyone's, and no `rel` holding `noopener` or " +
			"`noreferrer`. An explicit `rel=\"opener\"` is reported with high confidence. Links whose origin the " +
			"template fixes are left alone: paths (`/shop/{{ slug }}/`), `{% url %}`, a literal host " +
			"(`https://docs.example.com/{{ page }}`), `get_absolute_url` and `request.get_full_path`. A `rel` built " +
			"by a template tag or variable is not judged.",
		Why: "A page opened with `target=\"_blank\"` gets `window.opener`, a handle on the tab that opened it; it can send " +
			"that tab to a look-alike login page while the user reads the new one (reverse tabnabbing). Browsers " +
			"released since 2021 (Chrome 88, Firefox 79, Safari 12.1) treat `target=\"_blank\"` as `noopener` by " +
			"default, so the risk is limited to old browsers (information only) and to an explicit `rel=\"opener\"` " +
			"(low severity, high confidence).",
		Bad:  "<a href=\"{{ review.website }}\" target=\"_blank\">{{ review.author }}</a>",
		Good: "<a href=\"{{ review.website }}\" target=\"_blank\" rel=\"noopener noreferrer\">{{ review.author }}</a>",
		Fix:  "Add `rel=\"noopener\"` (or `rel=\"noopener noreferrer\"` to keep the referrer private too) to every link that opens a new window.",
		References: []string{
			"https://owasp.org/www-community/attacks/Reverse_Tabnabbing",
			"https://developer.mozilla.org/en-US/docs/Web/HTML/Attributes/rel/noopener",
			"https://cwe.mitre.org/data/definitions/1022.html",
		},
	},
	Run: runTargetBlank,
}

func runTargetBlank(pass *analysis.Pass) {
	d := load(pass)
	if d == nil || d.plainText(pass.Project, pass.File) {
		return
	}
	for _, e := range d.events {
		if e.Kind != djtemplate.StartTag || (e.Element.Name != "a" && e.Element.Name != "area") {
			continue
		}
		el := e.Element
		target, href := el.Attr("target"), el.Attr("href")
		if target == nil || target.Dynamic || !strings.EqualFold(strings.TrimSpace(target.Text), "_blank") {
			continue
		}
		if href == nil || !variableOrigin(href) {
			continue
		}
		conf, sev := report.ConfidenceUnset, report.SeverityUnset
		if rel := el.Attr("rel"); rel != nil {
			if rel.Dynamic {
				continue
			}
			words := strings.Fields(strings.ToLower(rel.Text))
			if slices.Contains(words, "noopener") || slices.Contains(words, "noreferrer") {
				continue
			}
			if slices.Contains(words, "opener") {
				// Asked for explicitly: no browser default protects it.
				conf, sev = report.HighConfidence, report.Low
			}
		}
		pass.Report(analysis.Diagnostic{
			Location:   d.at(pass, el.Start),
			Message:    "link to {{ " + shortExpr(href.FirstVar) + " }} opens in a new window without rel=\"noopener\"; the opened page can redirect this tab (reverse tabnabbing)",
			Confidence: conf,
			Severity:   sev,
		})
	}
}

// variableOrigin reports whether a variable decides which site an href
// points to: the value starts with a variable, or with only a scheme
// before one.
func variableOrigin(href *djtemplate.Attr) bool {
	if href.FirstVar == nil || href.FirstVar.Expr == nil {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(href.Lead)) {
	case "", "http://", "https://", "//":
	default:
		return false
	}
	if href.FirstVar.Expr.Value.Literal() {
		return false
	}
	return !sameOrigin(href.FirstVar)
}

// sameOrigin reports whether a variable holds a path on this site by
// Django's conventions: request.path, request.get_full_path,
// obj.get_absolute_url.
func sameOrigin(v *djtemplate.Variable) bool {
	if v.Expr == nil || v.Expr.Value.Literal() {
		return false
	}
	name := v.Expr.Value.Value
	switch name[strings.LastIndexByte(name, '.')+1:] {
	case "get_absolute_url", "get_full_path", "path", "path_info":
		return true
	}
	return false
}
