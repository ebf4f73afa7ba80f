package render

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"iter"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// WriteHTML writes the report as one self-contained page for attaching to a
// ticket or publishing from CI: an overview first (counts per severity and
// per area as inline SVG charts, a probe's grades, the twenty checklist
// sections as a grid), a table of contents, the findings grouped by place
// (each collapsible, with its rule's documentation a click away, the fix's
// Markdown rendered and a data flow drawn as a path), then what was not
// scanned, the notes and the checklist in full.
//
// The page loads nothing. Its Content-Security-Policy allows only its own
// style sheet and its one small script, by hash, so the policy is as strict
// as a page can have and the output stays byte-for-byte reproducible. The
// script adds filters by severity, area and rule; without it every finding
// shows. html/template escapes every value: findings quote
// attacker-controlled code and URLs.
//
// rules describes the rules that ran (for titles and documentation links);
// it may be nil.
func WriteHTML(w io.Writer, r *report.Report, rules []report.RuleInfo) error {
	return htmlPage().Execute(w, newHTMLData(r, rules))
}

// severities from the most severe, as the page lists them.
var severities = []report.Severity{report.Critical, report.High, report.Medium, report.Low, report.Info}

var sevColor = map[string]string{
	"critical": "#7b1fa2", "high": "#c62828", "medium": "#ef8f00", "low": "#0277bd", "info": "#757575",
}

// areas name the rule areas by the letter after "DJ" in a rule id.
var areas = []struct{ letter, key, name string }{
	{"S", "settings", "Settings"}, {"C", "code", "Python code"}, {"T", "templates", "Templates"},
	{"K", "secrets", "Secrets"}, {"D", "deps", "Dependencies"}, {"I", "infra", "Deployment files"},
	{"L", "live", "Live site"}, {"G", "guard", "Guard"}, {"X", "djsec", "Suppressions"},
}

func areaOf(rule string) (key, name string) {
	if len(rule) > 2 {
		for _, a := range areas {
			if rule[2:3] == a.letter {
				return a.key, a.name
			}
		}
	}
	return "other", "Other"
}

type htmlData struct {
	*report.Report
	CSP        string
	Style      template.CSS
	Script     template.JS
	Headline   string
	Counts     []htmlCount
	SevChart   htmlChart
	AreaChart  htmlChart
	Areas      []htmlCount
	Rules      []htmlRuleOption
	Groups     []htmlGroup
	Sections   []htmlSection
	Manual     []htmlManual
	ShowGroups bool // the table of contents lists every place
}

type htmlCount struct {
	Key, Label string
	N          int
	Color      string
}

type htmlChart struct {
	Label  string
	Height int
	Bars   []htmlBar
}

type htmlBar struct {
	Label        string
	N            int
	Y, W, TextX  int
	Color, Class string
}

type htmlRuleOption struct {
	ID, Name string
	N        int
}

type htmlGroup struct {
	ID       string
	Place    string
	N        int                   // how many findings
	Findings iter.Seq[htmlFinding] // made as the page is written
}

// placeOf is where a finding's group is: its file, or its URL.
func placeOf(f *report.Finding) string {
	if f.Location.URL != "" {
		return f.Location.URL
	}
	return f.Location.Path
}

type htmlFinding struct {
	// the report's own, not a copy; the template names it (.Finding.Rule):
	// a field promoted from it would be looked up by a slow path for
	// every finding of a report of thousands
	Finding        *report.Finding
	Area, AreaName string
	Title, Doc     string
	Fix            template.HTML
	Pos            string
}

type htmlSection struct {
	Number int
	report.Section
	Label string
}

type htmlManual struct {
	Number int
	Text   string
}

func newHTMLData(r *report.Report, rules []report.RuleInfo) *htmlData {
	d := &htmlData{Report: r, CSP: htmlCSP(), Style: template.CSS(htmlStyle), Script: template.JS(htmlScript)}
	info := map[string]report.RuleInfo{}
	for _, ri := range rules {
		info[ri.ID] = ri
	}

	var parts []string
	for _, s := range severities {
		n := r.Summary.BySeverity[s.String()]
		d.Counts = append(d.Counts, htmlCount{Key: s.String(), Label: s.String(), N: n, Color: sevColor[s.String()]})
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	switch {
	case len(r.Findings) == 0:
		d.Headline = "No findings"
	default:
		d.Headline = count(len(r.Findings), "finding") + ": " + strings.Join(parts, ", ")
	}
	d.SevChart = chart("Findings per severity", d.Counts)

	perArea := map[string]int{}
	perRule := map[string]*htmlRuleOption{}
	for _, f := range r.Findings {
		k, _ := areaOf(f.Rule)
		perArea[k]++
		if perRule[f.Rule] == nil {
			perRule[f.Rule] = &htmlRuleOption{ID: f.Rule, Name: f.Name}
		}
		perRule[f.Rule].N++
	}
	for _, a := range areas {
		if n := perArea[a.key]; n > 0 {
			d.Areas = append(d.Areas, htmlCount{Key: a.key, Label: a.name, N: n, Color: "#455a64"})
		}
	}
	if n := perArea["other"]; n > 0 {
		d.Areas = append(d.Areas, htmlCount{Key: "other", Label: "Other", N: n, Color: "#455a64"})
	}
	d.AreaChart = chart("Findings per area", d.Areas)
	for _, ro := range perRule {
		d.Rules = append(d.Rules, *ro)
	}
	sort.Slice(d.Rules, func(i, j int) bool { return d.Rules[i].ID < d.Rules[j].ID })

	// The findings of a group are made as the page is written, one at a
	// time: a report of thousands is not held twice.
	fixes := map[string]template.HTML{} // a rule's fix, rendered once for all its findings
	finding := func(f *report.Finding) htmlFinding {
		fix, ok := fixes[f.Fix]
		if !ok {
			fix = markdownInline(f.Fix)
			fixes[f.Fix] = fix
		}
		hf := htmlFinding{Finding: f, Fix: fix}
		hf.Area, hf.AreaName = areaOf(f.Rule)
		if ri, ok := info[f.Rule]; ok {
			hf.Title, hf.Doc = ri.Title, ri.HelpURI
		}
		if f.Location.Line > 0 {
			hf.Pos = fmt.Sprintf("line %d", f.Location.Line)
			if f.Location.Column > 0 {
				hf.Pos += fmt.Sprintf(", column %d", f.Location.Column)
			}
		}
		return hf
	}
	for start := 0; start < len(r.Findings); {
		place := placeOf(&r.Findings[start])
		end := start + 1
		for end < len(r.Findings) && placeOf(&r.Findings[end]) == place {
			end++
		}
		group := r.Findings[start:end]
		d.Groups = append(d.Groups, htmlGroup{ID: "place-" + strconv.Itoa(len(d.Groups)+1), Place: place, N: len(group),
			Findings: func(yield func(htmlFinding) bool) {
				for i := range group {
					if !yield(finding(&group[i])) {
						return
					}
				}
			}})
		start = end
	}
	d.ShowGroups = len(d.Groups) > 1 && len(d.Groups) <= 60

	for k, s := range r.Summary.Checklist {
		n, _ := strconv.Atoi(k)
		d.Sections = append(d.Sections, htmlSection{Number: n, Section: s, Label: statusLabel(s)})
	}
	sort.Slice(d.Sections, func(i, j int) bool { return d.Sections[i].Number < d.Sections[j].Number })
	for _, s := range d.Sections {
		for _, m := range s.Manual {
			d.Manual = append(d.Manual, htmlManual{s.Number, m})
		}
	}
	return d
}

func statusLabel(s report.Section) string {
	switch s.Status {
	case "checked":
		return "checked"
	case "partial":
		return "partly checked, partly a person's"
	case "not-run":
		return "not run"
	case "manual":
		return "needs a person"
	}
	return s.Status
}

// chart lays out a horizontal bar chart: one bar per count, scaled to the
// largest. Coordinates are in the SVG's own units (a 480-wide view box).
func chart(label string, counts []htmlCount) htmlChart {
	c := htmlChart{Label: label}
	most := 1
	for _, n := range counts {
		most = max(most, n.N)
	}
	const labelW, barMax, rowH = 130, 290, 26
	for i, n := range counts {
		w := 0
		if n.N > 0 {
			w = max(2, n.N*barMax/most)
		}
		c.Bars = append(c.Bars, htmlBar{Label: n.Label, N: n.N, Y: i * rowH, W: w, TextX: labelW + w + 6, Color: n.Color, Class: n.Key})
	}
	c.Height = max(len(counts)*rowH, rowH)
	return c
}

var (
	mdCode  = lazyre.New("`([^`]+)`")
	mdLink  = lazyre.New(`\[([^\]]+)\]\((https?://[^\s)]+)\)`)
	mdURL   = lazyre.New(`https?://[^\s<>()"]*[^\s<>()".,;:!?'’]`)
	mdBold  = lazyre.New(`\*\*([^*]+)\*\*`)
	mdToken = lazyre.New("`[^`]+`|\\[[^\\]]+\\]\\(https?://[^\\s)]+\\)")
)

// markdownInline renders the Markdown that fix texts use: `code`, **bold**,
// [links](https://...) and bare https:// addresses. Everything else is
// escaped text; only http and https links are made.
func markdownInline(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range mdToken().FindAllStringIndex(s, -1) {
		b.WriteString(textWithLinks(s[last:m[0]]))
		tok := s[m[0]:m[1]]
		if sm := mdCode().FindStringSubmatch(tok); sm != nil && tok[0] == '`' {
			b.WriteString("<code>" + template.HTMLEscapeString(sm[1]) + "</code>")
		} else if sm := mdLink().FindStringSubmatch(tok); sm != nil {
			b.WriteString(`<a href="` + template.HTMLEscapeString(sm[2]) + `" rel="noopener noreferrer">` + template.HTMLEscapeString(sm[1]) + "</a>")
		} else {
			b.WriteString(template.HTMLEscapeString(tok))
		}
		last = m[1]
	}
	b.WriteString(textWithLinks(s[last:]))
	return template.HTML(b.String())
}

func textWithLinks(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range mdURL().FindAllStringIndex(s, -1) {
		b.WriteString(bold(template.HTMLEscapeString(s[last:m[0]])))
		u := template.HTMLEscapeString(s[m[0]:m[1]])
		b.WriteString(`<a href="` + u + `" rel="noopener noreferrer">` + u + "</a>")
		last = m[1]
	}
	b.WriteString(bold(template.HTMLEscapeString(s[last:])))
	return b.String()
}

func bold(escaped string) string {
	return mdBold().ReplaceAllString(escaped, "<strong>$1</strong>")
}

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// htmlCSP allows the page's own style sheet and script by hash, and nothing
// else: no other script, style, image, font, frame or connection.
var htmlCSP = sync.OnceValue(func() string {
	return "default-src 'none'; style-src " + cspHash(htmlStyle) + "; script-src " + cspHash(htmlScript) +
		"; img-src 'none'; base-uri 'none'; form-action 'none'"
})

const htmlStyle = `
:root{--fg:#1d2329;--muted:#5f6b76;--line:#dde3e8;--bg:#f6f8fa;--card:#fff}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:76em;margin:0 auto;padding:0 1.2em}
header{padding-top:1.4em}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.25em;margin:1.8em 0 .6em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1em;margin:1.2em 0 .4em;word-break:break-all}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em}
a{color:#0b5cad}
.meta{color:var(--muted);margin:.2em 0}
.headline{font-size:1.15em;font-weight:600;margin:.6em 0}
nav.toc{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6em 1em;margin:1em 0}
nav.toc ol{margin:.2em 0;padding-left:1.4em}
nav.toc li{margin:.1em 0}
nav.toc ol ol{display:grid;grid-template-columns:repeat(auto-fill,minmax(24em,1fr));column-gap:2em;font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:.6em;margin:.8em 0}
.card{background:var(--card);border:1px solid var(--line);border-top:4px solid;border-radius:8px;padding:.5em .8em}
.card b{display:block;font-size:1.7em;line-height:1.2}
.card span{color:var(--muted);text-transform:capitalize}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1em}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6em .8em}
figcaption{font-weight:600;margin-bottom:.4em}
svg.bars{width:100%;height:auto;display:block}
svg.bars text{font:13px system-ui,sans-serif;fill:var(--fg)}
svg.bars rect.track{fill:#eef1f4}
.grades{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
a.grade{color:inherit;text-decoration:none}
.grade{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6em 1em;display:flex;gap:.8em;align-items:center;min-width:14em;flex:1}
.letter{font-size:2em;font-weight:700;width:2.2em;height:2.2em;border-radius:50%;display:flex;align-items:center;justify-content:center;color:#fff;background:#757575;flex:none}
.letter.g-A{background:#2e7d32}.letter.g-B{background:#9e9d24}.letter.g-C{background:#ef8f00}.letter.g-D,.letter.g-E,.letter.g-F{background:#c62828}.letter.g-T{background:#e65100}
.grid{display:grid;grid-template-columns:repeat(5,1fr);gap:.4em;margin:.6em 0}
.cell{display:block;border-radius:6px;padding:.4em .5em;color:var(--fg);text-decoration:none;border:1px solid var(--line);font-size:.85em;min-height:4.6em}
.cell b{display:block;font-size:1.1em}
.cell small{display:block;color:var(--muted)}
.st-checked{background:#e3f4e4;border-color:#9ccc9f}
.st-partial{background:#fff4d6;border-color:#f2cf72}
.st-manual{background:#eceff1;border-color:#c5ccd1}
.st-not-run{background:#fff;border-style:dashed}
.legend{display:flex;flex-wrap:wrap;gap:1em;font-size:.85em;color:var(--muted)}
.legend i{display:inline-block;width:.9em;height:.9em;border-radius:3px;vertical-align:-.1em;margin-right:.3em;border:1px solid var(--line)}
form.filters{position:sticky;top:0;z-index:1;background:var(--bg);border-bottom:1px solid var(--line);padding:.5em 0;display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center}
form.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2em .7em}
form.filters label{white-space:nowrap;text-transform:capitalize}
form.filters select{max-width:16em}
form.filters output{color:var(--muted)}
button{font:inherit;padding:.1em .6em}
details.f{background:var(--card);border:1px solid var(--line);border-left:5px solid;border-radius:6px;margin:.5em 0}
details.f>summary{cursor:pointer;padding:.45em .8em;list-style-position:outside;margin-left:1em}
details.f>div{padding:0 .9em .7em 1.8em}
.sev{display:inline-block;min-width:5.4em;text-align:center;font-weight:700;font-size:.75em;text-transform:uppercase;color:#fff;border-radius:3px;padding:.05em .4em;margin-right:.3em}
.card.critical{border-top-color:#7b1fa2}.card.high{border-top-color:#c62828}.card.medium{border-top-color:#ef8f00}.card.low{border-top-color:#0277bd}.card.info{border-top-color:#757575}
details.f.s-critical{border-left-color:#7b1fa2}.s-critical .sev,.sev.critical{background:#7b1fa2}
details.f.s-high{border-left-color:#c62828}.s-high .sev,.sev.high{background:#c62828}
details.f.s-medium{border-left-color:#ef8f00}.s-medium .sev,.sev.medium{background:#ef8f00}
details.f.s-low{border-left-color:#0277bd}.s-low .sev,.sev.low{background:#0277bd}
details.f.s-info{border-left-color:#757575}.s-info .sev,.sev.info{background:#757575}
.rule{font-weight:600}
.facts{color:var(--muted);font-size:.88em}
.msg{margin:.2em 0}
.msg,.fix,.facts,ol.path li,li{overflow-wrap:anywhere}
.fix{background:#edf7ee;border-radius:4px;padding:.35em .6em;margin:.5em 0}
.fix code,.msg code{background:#0000000d;padding:0 .2em;border-radius:3px}
ol.path{list-style:none;margin:.5em 0;padding:0 0 0 1.1em;border-left:2px solid #90a4ae}
ol.path li{position:relative;margin:.25em 0;padding-left:.4em}
ol.path li:before{content:"";position:absolute;left:-1.55em;top:.45em;width:.7em;height:.7em;border-radius:50%;background:#90a4ae}
ol.path li:first-child:before{background:#0277bd}
ol.path li:last-child:before{background:#c62828}
ol.path .step{font-size:.75em;text-transform:uppercase;color:var(--muted);margin-right:.4em}
table{border-collapse:collapse;width:100%;background:var(--card)}
td,th{border:1px solid var(--line);padding:.3em .6em;text-align:left;vertical-align:top}
tr:target{outline:2px solid #0b5cad}
footer{color:var(--muted);font-size:.85em;padding:2em 1.2em}
@media (max-width:720px){
body{font-size:14px}
svg.bars text{font-size:16px}
form.filters{position:static}
.cards{grid-template-columns:repeat(3,1fr)}
.charts{grid-template-columns:1fr}
.grid{grid-template-columns:repeat(2,1fr)}
nav.toc ol ol{grid-template-columns:1fr}
details.f>div{padding-left:1em}
table{font-size:.85em}
td:nth-child(4),th:nth-child(4){display:none}
}
@media print{form.filters{display:none}details.f{break-inside:avoid}}
`

// htmlScript wires the filters: severities, area and rule hide the findings
// that do not match, and places left with none.
const htmlScript = `
(function () {
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var findings = Array.prototype.slice.call(document.querySelectorAll("details.f"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var shown = document.getElementById("shown");
  function apply() {
    var sev = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=sev]"), function (c) { sev[c.value] = c.checked; });
    var area = form.elements.area.value, rule = form.elements.rule.value, n = 0;
    findings.forEach(function (f) {
      var ok = sev[f.dataset.sev] && (!area || f.dataset.area === area) && (!rule || f.dataset.rule === rule);
      f.hidden = !ok;
      if (ok) n++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector("details.f:not([hidden])"); });
    shown.value = n + " of " + findings.length + " shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  document.getElementById("expand").addEventListener("click", function () { findings.forEach(function (f) { f.open = true; }); });
  document.getElementById("collapse").addEventListener("click", function () { findings.forEach(function (f) { f.open = false; }); });
  apply();
})();
`

// htmlPage is parsed by the first HTML report, not by every command at start.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"inc": func(i int) int { return i + 1 },
		"gradeClass": func(g string) string {
			if g == "" {
				return "none"
			}
			return g[:1]
		},
	}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>djsec report: {{.Target}}</title>
<style>{{.Style}}</style>
</head><body>
<header>
<h1>djsec report</h1>
<p class="meta">Target <code>{{.Target}}</code> &middot; {{.Tool.Name}} {{.Tool.Version}}{{if .Summary.Files}} &middot; {{.Summary.Files}} files{{end}}</p>
<p class="headline">{{.Headline}}{{if .Summary.Suppressed}}; {{.Summary.Suppressed}} suppressed{{end}}</p>
<nav class="toc" aria-label="Contents"><b>Contents</b>
<ol>
<li><a href="#overview">Overview</a></li>
<li><a href="#findings">Findings</a> ({{len .Findings}}){{if .ShowGroups}}<ol>{{range .Groups}}<li><a href="#{{.ID}}">{{.Place}}</a> ({{.N}})</li>{{end}}</ol>{{end}}</li>
{{if .Problems}}<li><a href="#problems">Not scanned</a> ({{len .Problems}})</li>{{end}}
{{if .Notes}}<li><a href="#notes">Notes</a></li>{{end}}
{{if .Grades}}<li><a href="#grades">Grades</a></li>{{end}}
<li><a href="#checklist">Checklist</a></li>
{{if .Manual}}<li><a href="#manual">Left to a person</a></li>{{end}}
</ol></nav>
</header>
<main>
<section id="overview"><h2>Overview</h2>
<div class="cards">{{range .Counts}}<div class="card {{.Key}}" id="count-{{.Key}}"><b>{{.N}}</b><span>{{.Label}}</span></div>{{end}}</div>
<div class="charts">
{{template "chart" .SevChart}}
{{if .Areas}}{{template "chart" .AreaChart}}{{else}}<figure><figcaption>Findings per area</figcaption><p>None.</p></figure>{{end}}
</div>
{{if .Grades}}<div class="grades">{{range .Grades}}<a class="grade" href="#grade-{{.Name}}"><span class="letter g-{{gradeClass .Grade}}">{{.Grade}}</span><span><b>{{.Name}}</b>{{with .Score}} (score {{.}}){{end}}<br><small>{{.Method}}</small></span></a>{{end}}</div>{{end}}
<h3>The security-audit checklist</h3>
<div class="grid">{{range .Sections}}<a class="cell st-{{.Status}}" href="#section-{{.Number}}" title="{{.Label}}"><b>{{.Number}}</b>{{.Title}}<small>{{.Label}}{{if .Findings}} &middot; {{.Findings}} finding{{if ne .Findings 1}}s{{end}}{{end}}</small></a>{{end}}</div>
<div class="legend"><span><i class="st-checked"></i>checked by djsec</span><span><i class="st-partial"></i>partly checked, partly a person's</span><span><i class="st-manual"></i>needs a person</span><span><i class="st-not-run"></i>not run (the other command, or left out)</span></div>
</section>

<section id="findings"><h2>Findings</h2>
{{if .Findings}}<form class="filters" id="filters" hidden>
<fieldset><legend hidden>Severity</legend>{{range .Counts}}{{if .N}}<label><input type="checkbox" name="sev" value="{{.Key}}" checked> {{.Label}} ({{.N}})</label>{{end}}{{end}}</fieldset>
<label>Area <select name="area"><option value="">all</option>{{range .Areas}}<option value="{{.Key}}">{{.Label}} ({{.N}})</option>{{end}}</select></label>
<label>Rule <select name="rule"><option value="">all</option>{{range .Rules}}<option value="{{.ID}}">{{.ID}} {{.Name}} ({{.N}})</option>{{end}}</select></label>
<button type="reset">Reset</button><button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button>
<output id="shown"></output>
</form>{{else}}<p>No findings.</p>{{end}}
{{range .Groups}}<section class="group" id="{{.ID}}"><h3><code>{{.Place}}</code></h3>
{{range .Findings}}<details class="f s-{{.Finding.Severity}}" open data-sev="{{.Finding.Severity}}" data-area="{{.Area}}" data-rule="{{.Finding.Rule}}">
<summary><span class="sev">{{.Finding.Severity}}</span> <span class="rule">{{.Finding.Rule}}</span> {{.Finding.Name}}{{if .Pos}} <span class="facts">&middot; {{.Pos}}</span>{{end}}</summary>
<div>
<p class="msg">{{.Finding.Message}}</p>
<p class="facts">{{.Finding.Confidence}} confidence &middot; {{range $i, $c := .Finding.CWE}}{{if $i}}, {{end}}<a href="https://cwe.mitre.org/data/definitions/{{$c}}.html" rel="noopener noreferrer">CWE-{{$c}}</a>{{end}} &middot; {{.AreaName}} &middot; checklist {{range $i, $c := .Finding.Checklist}}{{if $i}}, {{end}}<a href="#section-{{$c}}">&sect;{{$c}}</a>{{end}}{{if .Doc}} &middot; <a href="{{.Doc}}" rel="noopener noreferrer">{{.Finding.Rule}}: {{if .Title}}{{.Title}}{{else}}documentation{{end}}</a>{{end}}</p>
{{if .Finding.Settings}}<p class="facts">settings: <code>{{.Finding.Settings}}</code></p>{{end}}
{{if .Finding.Flow}}<ol class="path" aria-label="data flow">{{$n := len .Finding.Flow}}{{range $i, $s := .Finding.Flow}}<li><span class="step">{{if eq $i 0}}source{{else if eq (inc $i) $n}}sink{{else}}step {{$i}}{{end}}</span><code>{{$s.Location}}</code> {{$s.Message}}</li>{{end}}</ol>{{end}}
<div class="fix"><b>Fix:</b> {{.Fix}}</div>
</div></details>
{{end}}</section>
{{end}}</section>
{{if .Problems}}<section id="problems"><h2>Not scanned</h2><ul>{{range .Problems}}<li><code>{{.Location}}</code>: {{.Message}}</li>{{end}}</ul></section>{{end}}
{{if .Notes}}<section id="notes"><h2>Notes</h2><ul>{{range .Notes}}<li>{{.}}</li>{{end}}</ul></section>{{end}}
{{if .Grades}}<section id="grades"><h2>Grades</h2>{{range .Grades}}<h3 id="grade-{{.Name}}">{{.Name}}: {{.Grade}}{{with .Score}} (score {{.}}){{end}}</h3><p>{{.Method}}</p><ul>{{range .Reasons}}<li>{{.}}</li>{{end}}</ul>{{end}}</section>{{end}}
<section id="checklist"><h2>Checklist</h2>
<table><thead><tr><th>&sect;</th><th>section</th><th>status</th><th>rules</th><th>findings</th></tr></thead><tbody>
{{range .Sections}}<tr id="section-{{.Number}}"><td>{{.Number}}</td><td>{{.Title}}</td><td>{{.Label}}</td><td>{{.Rules}}</td><td>{{.Findings}}</td></tr>
{{end}}</tbody></table></section>
{{if .Manual}}<section id="manual"><h2>Left to a person</h2><p>djsec cannot see these; someone has to check them.</p><ul>{{range .Manual}}<li><a href="#section-{{.Number}}">&sect;{{.Number}}</a> {{.Text}}</li>{{end}}</ul></section>{{end}}
</main>
<footer>Written by {{.Tool.Name}} {{.Tool.Version}}. This page loads nothing; its only script filters the findings.</footer>
<script>{{.Script}}</script>
</body></html>
{{define "chart"}}<figure><figcaption>{{.Label}}</figcaption>
<svg class="bars" viewBox="0 0 480 {{.Height}}" role="img" aria-label="{{.Label}}">{{range .Bars}}
<g class="bar-{{.Class}}"><text x="0" y="{{.Y}}" dy="17">{{.Label}}</text><rect class="track" x="130" y="{{.Y}}" width="290" height="20" rx="3"></rect><rect x="130" y="{{.Y}}" width="{{.W}}" height="20" rx="3" fill="{{.Color}}"></rect><text x="{{.TextX}}" y="{{.Y}}" dy="15">{{.N}}</text></g>{{end}}
</svg></figure>{{end}}`))
})
