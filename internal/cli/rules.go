package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "rules", summary: "list the rules; `rules explain ID` prints one rule's documentation", run: runRules})
	helps["rules"] = &help{
		usage:   "djsec rules [flags] | djsec rules explain ID",
		summary: "Lists every rule with its severity, CWE and checklist sections, or prints one rule's documentation: what it finds, why it matters, a bad and a good example, the fix and references.",
		args:    [][2]string{{"ID", "a rule's id or name, in any case (DJS101, djs101, debug-enabled)"}},
		examples: [][2]string{
			{"djsec rules", "the table of rules"},
			{"djsec rules --format json", "every rule with its documentation, for tools"},
			{"djsec rules explain djs101", "one rule's documentation, as Markdown"},
		},
	}
}

func runRules(e *env, args []string) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, json or markdown")
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) > 0 && pos[0] == "explain" {
		return explain(e, pos[1:])
	}
	if len(pos) > 0 {
		return e.fail(fmt.Errorf("rules: unexpected %q (did you mean rules explain %s?)", pos[0], pos[0]))
	}
	switch *format {
	case "json":
		return listJSON(e)
	case "markdown":
		for _, r := range rules.All() {
			fmt.Fprintln(e.stdout, r.Markdown())
		}
		return exitOK
	case "text":
		listText(e)
		return exitOK
	}
	return e.fail(fmt.Errorf("rules: unknown format %q (want text, json or markdown)", *format))
}

func listText(e *env) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tCWE\tCHECKLIST")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, ints(r.CWE), ints(r.Checklist))
	}
	tw.Flush()
}

func ints(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

type ruleDoc struct {
	Title      string   `json:"title"`
	What       string   `json:"what"`
	Why        string   `json:"why"`
	Bad        string   `json:"bad"`
	Good       string   `json:"good"`
	Fix        string   `json:"fix"`
	References []string `json:"references"`
}

type ruleJSON struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Severity   string  `json:"severity"`
	Confidence string  `json:"confidence"`
	CWE        []int   `json:"cwe"`
	Checklist  []int   `json:"checklist"`
	HelpURI    string  `json:"help_uri"`
	Doc        ruleDoc `json:"doc"`
}

func listJSON(e *env) int {
	out := struct {
		Rules []ruleJSON `json:"rules"`
	}{Rules: []ruleJSON{}}
	for _, r := range rules.All() {
		out.Rules = append(out.Rules, toJSON(r))
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return e.fail(err)
	}
	return exitOK
}

func toJSON(r *analysis.Rule) ruleJSON {
	refs := r.Doc.References
	if refs == nil {
		refs = []string{}
	}
	return ruleJSON{
		ID: r.ID, Name: r.Name, Severity: r.Severity.String(), Confidence: r.Confidence.String(),
		CWE: r.CWE, Checklist: r.Checklist, HelpURI: r.HelpURI(),
		Doc: ruleDoc{Title: r.Doc.Title, What: r.Doc.What, Why: r.Doc.Why, Bad: r.Doc.Bad, Good: r.Doc.Good, Fix: r.Doc.Fix, References: refs},
	}
}

func explain(e *env, ids []string) int {
	if len(ids) != 1 {
		return e.fail(errors.New("rules explain takes one rule id or name, as in djsec rules explain DJS101 (djsec rules lists them)"))
	}
	r := rules.Lookup(ids[0])
	if r == nil {
		return e.fail(fmt.Errorf("unknown rule %q (djsec rules lists them)", ids[0]))
	}
	fmt.Fprint(e.stdout, r.Markdown())
	return exitOK
}
