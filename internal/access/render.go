package access

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/report"
)

// RoutesSchema names the JSON format of `djsec routes`.
const RoutesSchema = "djsec/routes/v1"

type jsonDecision struct {
	Value  string `json:"value"`
	Detail string `json:"detail,omitempty"`
	Where  string `json:"where,omitempty"`
}

type jsonRoute struct {
	Pattern        string       `json:"pattern"`
	Name           string       `json:"name,omitempty"`
	Where          string       `json:"where"`
	View           string       `json:"view"`
	ViewWhere      string       `json:"view_where,omitempty"`
	Methods        []string     `json:"methods"`
	Authentication jsonDecision `json:"authentication"`
	Permission     jsonDecision `json:"permission"`
	CSRF           jsonDecision `json:"csrf"`
	Throttling     jsonDecision `json:"throttling"`
}

type jsonRoutes struct {
	Schema string      `json:"schema"`
	Target string      `json:"target"`
	Gate   string      `json:"gate,omitempty"`
	Routes []jsonRoute `json:"routes"`
	Notes  []string    `json:"notes,omitempty"`
}

// Where formats a location as path:line, or "" for none.
func Where(l report.Location) string {
	if l.Path == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", l.Path, l.Line)
}

func jd(d Decision) jsonDecision {
	return jsonDecision{Value: d.Value, Detail: d.Detail, Where: Where(d.Where)}
}

func (m *Model) document(target string) jsonRoutes {
	doc := jsonRoutes{Schema: RoutesSchema, Target: target, Routes: []jsonRoute{}}
	if m.Gate != nil {
		doc.Gate = m.Gate.What + " (" + Where(m.Gate.Where) + ")"
	}
	for _, g := range m.Gates {
		if g != m.Gate {
			doc.Notes = append(doc.Notes, "middleware "+g.What+" ("+Where(g.Where)+") also turns some requests away")
		}
	}
	if !m.Settings {
		doc.Notes = append(doc.Notes, "no production settings found: middleware, CSRF and DRF defaults are unknown")
	}
	if len(m.Routes) == 0 {
		doc.Notes = append(doc.Notes, "no URL patterns found from the URLconf")
	}
	for _, r := range m.Routes {
		doc.Routes = append(doc.Routes, jsonRoute{
			Pattern: r.Pattern, Name: r.Name, Where: Where(r.Where), View: r.View.QName, ViewWhere: Where(r.View.Where),
			Methods: r.Methods, Authentication: jd(r.Auth), Permission: jd(r.Permission), CSRF: jd(r.CSRF), Throttling: jd(r.Throttle),
		})
	}
	return doc
}

// WriteJSON writes the routes as JSON.
func (m *Model) WriteJSON(w io.Writer, target string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m.document(target))
}

func cell(d jsonDecision) string {
	s := d.Value
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	if d.Where != "" {
		s += " [" + d.Where + "]"
	}
	return s
}

// WriteText writes one block per route: a heading line with the pattern,
// methods and view, then the four decisions with where each was made.
func (m *Model) WriteText(w io.Writer, target string) error {
	doc := m.document(target)
	// Patterns, names and views come from the project's code: printed
	// through report.Printable, a crafted one cannot forge lines or send
	// escape sequences to the terminal.
	p := report.Printable
	var b strings.Builder
	fmt.Fprintf(&b, "%d URL patterns in %s\n", len(doc.Routes), p(target))
	if doc.Gate != "" {
		fmt.Fprintf(&b, "every view passes %s\n", p(doc.Gate))
	}
	for _, n := range doc.Notes {
		fmt.Fprintf(&b, "note: %s\n", p(n))
	}
	for _, r := range doc.Routes {
		name := ""
		if r.Name != "" {
			name = " (" + r.Name + ")"
		}
		fmt.Fprintf(&b, "\n%s  %s\n", p(r.Pattern+name), p(strings.Join(r.Methods, ",")))
		view := r.View
		if r.ViewWhere != "" {
			view += " [" + r.ViewWhere + "]"
		}
		fmt.Fprintf(&b, "  view            %s\n", p(view))
		fmt.Fprintf(&b, "  authentication  %s\n", p(cell(r.Authentication)))
		fmt.Fprintf(&b, "  permission      %s\n", p(cell(r.Permission)))
		fmt.Fprintf(&b, "  csrf            %s\n", p(cell(r.CSRF)))
		fmt.Fprintf(&b, "  throttling      %s\n", p(cell(r.Throttling)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// htmlPage is parsed by the first HTML map of the routes, not by every
// command at start.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("routes").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>djsec routes: {{.Target}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px;table-layout:fixed}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f3f3}
th.m{width:6em}
.auth-none{background:#fde2e1}.auth-unknown{background:#fff4d6}.auth-public{background:#eef}.csrf-exempt,.csrf-off{background:#fde2e1}
small{color:#666;display:block}
code{font-size:13px}
</style>
</head>
<body>
<h1>Routes of {{.Target}}</h1>
<p>{{len .Routes}} URL patterns.{{if .Gate}} Every view passes {{.Gate}}.{{end}}</p>
{{range .Notes}}<p>Note: {{.}}</p>{{end}}
<table>
<thead><tr><th>Pattern</th><th>View</th><th class="m">Methods</th><th>Authentication</th><th>Permission</th><th>CSRF</th><th>Throttling</th></tr></thead>
<tbody>
{{range .Routes}}<tr>
<td><code>{{.Pattern}}</code>{{if .Name}}<small>{{.Name}}</small>{{end}}<small>{{.Where}}</small></td>
<td><code>{{.View}}</code>{{if .ViewWhere}}<small>{{.ViewWhere}}</small>{{end}}</td>
<td>{{range $i, $m := .Methods}}{{if $i}}, {{end}}{{$m}}{{end}}</td>
<td class="auth-{{.Authentication.Value}}">{{template "d" .Authentication}}</td><td>{{template "d" .Permission}}</td><td class="csrf-{{.CSRF.Value}}">{{template "d" .CSRF}}</td><td>{{template "d" .Throttling}}</td>
</tr>
{{end}}</tbody>
</table>
</body>
</html>
{{define "d"}}{{.Value}}{{if .Detail}}<small>{{.Detail}}</small>{{end}}{{if .Where}}<small>{{.Where}}</small>{{end}}{{end}}`))
})

// WriteHTML writes the routes as a standalone HTML page.
func (m *Model) WriteHTML(w io.Writer, target string) error {
	return htmlPage().Execute(w, m.document(target))
}
