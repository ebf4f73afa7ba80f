// Package rules is the registry of every djsec rule. Each area package
// (templates, settings, code, secrets, deps, infra, and probe for the live checks)
// exports its rules; this package lists the areas, once, after the rules the
// runner reports itself (suppression misuse). A new area is one line in
// areas: deployment-file rules (DJI) come from internal/rules/infra, guard
// rules (DJG) from internal/guard; see the package doc of internal for
// where each kind of rule goes.
package rules

import (
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/guard"
	"github.com/djsec/djsec/internal/probe"
	"github.com/djsec/djsec/internal/rules/code"
	"github.com/djsec/djsec/internal/rules/deps"
	"github.com/djsec/djsec/internal/rules/infra"
	"github.com/djsec/djsec/internal/rules/secrets"
	"github.com/djsec/djsec/internal/rules/settings"
	"github.com/djsec/djsec/internal/rules/templates"
)

// areas lists each area's rules. Adding an area is one line here.
var areas = [][]*analysis.Rule{
	{analysis.RuleUnusedSuppression, analysis.RuleSuppressionNoReason},
	deps.Rules(),
	templates.Rules(),
	secrets.Rules(),
	settings.Rules(),
	code.Rules(),
	infra.Rules(),
	probe.Rules(),
	guard.Rules(),
}

// All returns every rule, sorted by id.
func All() []*analysis.Rule {
	var out []*analysis.Rule
	for _, a := range areas {
		out = append(out, a...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given id or name, in any case, or nil.
func Lookup(idOrName string) *analysis.Rule {
	for _, r := range All() {
		if strings.EqualFold(r.ID, idOrName) || strings.EqualFold(r.Name, idOrName) {
			return r
		}
	}
	return nil
}

// areaDirs maps an id's area letter to the package folder holding its rules
// and their testdata.
var areaDirs = map[byte]string{
	'S': "settings", 'C': "code", 'T': "templates", 'K': "secrets", 'D': "deps", 'I': "infra",
}

// TestdataDir returns where a rule's testdata lives, relative to this
// package, or "" for rules tested elsewhere (live checks, guard rules,
// builtins).
func TestdataDir(r *analysis.Rule) string {
	area, ok := areaDirs[r.ID[2]]
	if !ok || r.Scope == analysis.Live || r.Scope == analysis.Builtin || r.Scope == analysis.Guard {
		return ""
	}
	return area + "/testdata/" + r.ID
}
