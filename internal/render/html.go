package render

import (
	"html/template"
	"io"
	"sort"
	"strconv"

	"github.com/djsec/djsec/internal/report"
)

// WriteHTML writes the report as one self-contained page (no scripts, no
// external resources), for attaching to a ticket or publishing from CI.
// html/template escapes every value: findings quote attacker-controlled
// code and URLs.
func WriteHTML(w io.Writer, r *report.Report) error {
	return htmlPage.Execute(w, htmlData{Report: r, Groups: groupByPlace(r.Findings), Sections: sections(r.Summary.Checklist)})
}

type htmlData struct {
	*report.Report
	Groups   []htmlGroup
	Sections []htmlSection
}

type htmlGroup struct {
	Place    string
	Findings []report.Finding
}

type htmlSection struct {
	Number int
	report.Section
}

func groupByPlace(fs []report.Finding) []htmlGroup {
	var out []htmlGroup
	for _, f := range fs {
		place := f.Location.Path
		if f.Location.URL != "" {
			place = f.Location.URL
		}
		if len(out) == 0 || out[len(out)-1].Place != place {
			out = append(out, htmlGroup{Place: place})
		}
		g := &out[len(out)-1]
		g.Findings = append(g.Findings, f)
	}
	return out
}

func sections(cl map[string]report.Section) []htmlSection {
	var out []htmlSection
	for k, s := range cl {
		n, _ := strconv.Atoi(k)
		out = append(out, htmlSection{n, s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"sevs": func() []string { return []string{"critical", "high", "medium", "low", "info"} },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>djsec report: {{.Target}}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2em} code,pre{font-family:ui-monospace,monospace;font-size:13px}
.f{border-left:4px solid #999;padding:.3em .8em;margin:.8em 0;background:#fafafa}
.critical{border-color:#8e24aa}.high{border-color:#d32f2f}.medium{border-color:#f9a825}.low{border-color:#0288d1}.info{border-color:#9e9e9e}
.sev{font-weight:bold;text-transform:uppercase;font-size:12px} .fix{color:#2e7d32} .flow{color:#555;margin:0;padding-left:1.2em}
table{border-collapse:collapse} td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left}
</style></head><body>
<h1>djsec report</h1>
<p>Target <code>{{.Target}}</code>, {{.Tool.Name}} {{.Tool.Version}}{{if .Summary.Files}}, {{.Summary.Files}} files{{end}}.
{{$s := .Summary}}{{len .Findings}} findings{{range sevs}}{{with index $s.BySeverity .}}, {{.}} {{end}}{{end}}{{if .Summary.Suppressed}}; {{.Summary.Suppressed}} suppressed{{end}}.</p>
{{range .Groups}}<h2><code>{{.Place}}</code></h2>
{{range .Findings}}<div class="f {{.Severity}}">
<div><span class="sev">{{.Severity}}</span> <b>{{.Rule}}</b> {{.Name}}{{if .Location.Line}} &middot; line {{.Location.Line}}{{end}} &middot; confidence {{.Confidence}} &middot; {{range $i, $c := .CWE}}{{if $i}}, {{end}}CWE-{{$c}}{{end}}</div>
<div>{{.Message}}</div>
{{if .Settings}}<div>settings: <code>{{.Settings}}</code></div>{{end}}
{{if .Flow}}<ol class="flow">{{range .Flow}}<li><code>{{.Location}}</code> {{.Message}}</li>{{end}}</ol>{{end}}
<div class="fix"><b>Fix:</b> {{.Fix}}</div>
</div>{{end}}{{end}}
{{if .Problems}}<h2>Not scanned</h2><ul>{{range .Problems}}<li><code>{{.Location}}</code>: {{.Message}}</li>{{end}}</ul>{{end}}
{{if .Notes}}<h2>Notes</h2><ul>{{range .Notes}}<li>{{.}}</li>{{end}}</ul>{{end}}{{if .Grades}}
<h2>Grades</h2>{{range .Grades}}<h3>{{.Name}}: {{.Grade}}{{with .Score}} (score {{.}}){{end}}</h3><p>{{.Method}}</p><ul>{{range .Reasons}}<li>{{.}}</li>{{end}}</ul>{{end}}{{end}}
<h2>Checklist</h2>
<table><tr><th>§</th><th>section</th><th>status</th><th>rules</th><th>findings</th><th>left to a person</th></tr>
{{range .Sections}}<tr><td>{{.Number}}</td><td>{{.Title}}</td><td>{{.Status}}</td><td>{{.Rules}}</td><td>{{.Findings}}</td><td>{{range $i, $m := .Manual}}{{if $i}}; {{end}}{{$m}}{{end}}</td></tr>
{{end}}</table>
</body></html>
`))
