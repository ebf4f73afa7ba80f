package analysis

import (
	"bufio"
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// A suppression comment names the rules it silences and says why:
//
//	cursor.execute(sql)  # djsec: ignore[DJC201] query built from constants above
//	{{ body|safe }}  {# djsec: ignore[DJT102] sanitized with bleach in the view #}
//
// It applies to findings on its own line. One that silences nothing, or gives
// no reason, is reported itself, so that stale or careless suppressions do not
// pile up.
//
// The comment must open with the file's own comment syntax, so that a
// suppression quoted as an example (in a README, in a Go doc comment) is not
// taken for one.
var (
	hashSuppression     = suppressionRE(`#`)
	templateSuppression = suppressionRE(`\{#|<!--`)
	slashSuppression    = suppressionRE(`//|/\*`)
)

func suppressionRE(markers string) lazyre.Regexp {
	return lazyre.New(`(?:^|\s)(?:` + markers + `)\s*djsec:\s*ignore\[([^\]]*)\](.*)`)
}

// suppressionSyntax picks the comment syntax of a file, or nil for formats
// that only show suppressions as examples (documentation).
func suppressionSyntax(f *project.File) *regexp.Regexp {
	if f.NameKind()&project.Template != 0 {
		return templateSuppression()
	}
	switch strings.ToLower(path.Ext(f.Path)) {
	case ".md", ".rst", ".adoc":
		return nil
	case ".html", ".htm", ".xml", ".jinja", ".j2":
		return templateSuppression()
	case ".js", ".mjs", ".ts", ".jsx", ".tsx", ".css", ".scss", ".java", ".c", ".rs", ".go":
		return slashSuppression()
	}
	return hashSuppression()
}

type suppression struct {
	path   string
	line   int
	col    int
	rules  []string
	reason string
	used   bool
}

func findSuppressions(f *project.File) []*suppression {
	data, _ := f.Content()
	re := suppressionSyntax(f)
	if re == nil || !hasDirective(data) {
		return nil
	}
	var out []*suppression
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		m := re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		s := &suppression{path: f.Path, line: n, col: m[0] + 1 + len(line[m[0]:]) - len(strings.TrimLeft(line[m[0]:], " \t"))}
		for _, id := range strings.Split(line[m[2]:m[3]], ",") {
			if id = strings.TrimSpace(id); id != "" {
				s.rules = append(s.rules, id)
			}
		}
		s.reason = cleanReason(line[m[4]:m[5]])
		out = append(out, s)
	}
	return out
}

// hasDirective reports whether data holds "djsec:", the mark of every
// suppression, which most files lack. bytes.Contains looks for the first
// byte, 'd', and is slowed by its many false starts; 'j' is rare in code
// and prose, so this looks for it and checks the bytes around it.
func hasDirective(data []byte) bool {
	for i := 1; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], 'j')
		if j < 0 {
			return false
		}
		i += j
		if data[i-1] == 'd' && bytes.HasPrefix(data[i+1:], []byte("sec:")) {
			return true
		}
	}
	return false
}

// cleanReason cuts the comment closer and anything after it.
func cleanReason(s string) string {
	for _, end := range []string{"#}", "-->", "*/"} {
		if i := strings.Index(s, end); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(strings.TrimLeft(s, " :-—"))
}

// lineKey is a place that suppression comments and findings share.
type lineKey struct {
	path string
	line int
}

// suppressed reports whether one of the comments on a finding's line
// silences it, marking those comments used.
func suppressed(onLine []*suppression, f report.Finding) bool {
	hit := false
	for _, sp := range onLine {
		if slices.Contains(sp.rules, f.Rule) {
			sp.used = true
			hit = true
		}
	}
	return hit
}

func (s *scan) suppressionFindings() []report.Finding {
	var out []report.Finding
	for _, sp := range s.supps {
		loc := report.Location{Path: sp.path, Line: sp.line, Column: sp.col}
		if sp.reason == "" && s.enabled(RuleSuppressionNoReason.ID) {
			out = append(out, builtinFinding(RuleSuppressionNoReason, loc,
				"suppression of "+strings.Join(sp.rules, ", ")+" gives no reason; say why the finding is safe so the next reader can check it"))
		}
		if !sp.used && s.enabled(RuleUnusedSuppression.ID) {
			out = append(out, builtinFinding(RuleUnusedSuppression, loc,
				"suppression of "+strings.Join(sp.rules, ", ")+" silences nothing on this line; remove it"))
		}
	}
	return out
}

func (s *scan) enabled(id string) bool {
	for _, r := range s.opts.Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

func builtinFinding(r *Rule, loc report.Location, msg string) report.Finding {
	return report.Finding{Rule: r.ID, Name: r.Name, Severity: r.Severity, Confidence: r.Confidence,
		Message: msg, Location: loc, CWE: r.CWE, Checklist: r.Checklist, Fix: r.Doc.Fix}
}

// Ignore is an entry of .djsec.toml's ignore list: findings of Rule under
// Path (a gitignore-style pattern) are hidden until Until (zero: forever).
type Ignore struct {
	Rule   string
	Path   string
	Reason string
	Until  time.Time
}

func matchIgnore(ignores []Ignore, f report.Finding, now time.Time) bool {
	for _, ig := range ignores {
		if ig.Rule != "" && ig.Rule != f.Rule {
			continue
		}
		if !ig.Until.IsZero() && now.After(ig.Until) {
			continue // expired: the finding comes back
		}
		if ig.Path != "" {
			p := &project.Ignore{}
			p.Add("", ig.Path)
			if !p.MatchPath(f.Location.Path) {
				continue
			}
		}
		return true
	}
	return false
}

// Builtin rules are reported by the runner itself, not by a Run function.
var (
	RuleUnusedSuppression = &Rule{
		ID: "DJX001", Name: "unused-suppression",
		Severity: report.Low, Confidence: report.HighConfidence,
		CWE: []int{1164}, Checklist: []int{18}, Scope: Builtin,
		Doc: Doc{
			Title: "Suppression comment that silences nothing",
			What:  "A `djsec: ignore[...]` comment on a line where none of the named rules reports anything.",
			Why:   "Stale suppressions hide the next real finding on that line and tell readers a risk was reviewed when nothing was.",
			Bad:   "name = request.GET['q']  # djsec: ignore[DJC201] parameterized",
			Good:  "name = request.GET['q']",
			Fix:   "Remove the comment, or move it to the line that the finding is reported on.",
		},
	}
	RuleSuppressionNoReason = &Rule{
		ID: "DJX002", Name: "suppression-without-reason",
		Severity: report.Low, Confidence: report.HighConfidence,
		CWE: []int{1116}, Checklist: []int{18}, Scope: Builtin,
		Doc: Doc{
			Title: "Suppression comment without a reason",
			What:  "A `djsec: ignore[...]` comment with nothing after the rule list.",
			Why:   "A suppression is a security decision; without its reason nobody can check it still holds.",
			Bad:   "cursor.execute(sql)  # djsec: ignore[DJC201]",
			Good:  "cursor.execute(sql)  # djsec: ignore[DJC201] sql is built from the constant COLUMNS only",
			Fix:   "Write after the bracket why the finding is safe.",
		},
	}
)
