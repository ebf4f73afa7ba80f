package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// LDAPInjection is a taint rule: request data is built into an LDAP filter.
var LDAPInjection = &analysis.Rule{
	ID:         "DJC111",
	Name:       "ldap-injection",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{90},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "Request data is built into an LDAP filter",
		What:       "Reports python-ldap search, search_s, search_st, search_ext(_s) and ldap3 Connection.search calls whose filter carries request data. Values escaped with ldap.filter.escape_filter_chars or ldap3.utils.conv.escape_filter_chars are not reported." + staffNote,
		Why:        "Filter metacharacters (*, (, ), |) let attackers widen searches, enumerate the directory or bypass an LDAP login check.",
		Bad:        "user = request.POST[\"username\"]\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, \"(uid=\" + user + \")\")",
		Good:       "user = request.POST[\"username\"]\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, \"(uid=%s)\" % escape_filter_chars(user))",
		Fix:        "Escape every value put into a filter with escape_filter_chars (python-ldap or ldap3).",
		References: []string{"https://www.python-ldap.org/en/latest/reference/ldap-filter.html", "https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html", "https://cwe.mitre.org/data/definitions/90.html"},
	},
	Run: taintRun(ldapSinks, "LDAP filter built from request data (%s) reaches %s"),
}

// ldapSinks are the searches of python-ldap and ldap3, whose filter
// argument sits in different places.
var ldapSinks = &taint.Spec{
	Kind: taint.LDAP,
	Sinks: []taint.Sink{
		{Method: "search", When: ldap3, Args: []taint.Arg{taint.A(1, "search_filter")}},
		{Method: "search_s", When: ldap3, Args: []taint.Arg{taint.A(1, "search_filter")}},
		{Method: "search_st", When: ldap3, Args: []taint.Arg{taint.A(1, "search_filter")}},
		{Method: "search_ext", When: ldap3, Args: []taint.Arg{taint.A(1, "search_filter")}},
		{Method: "search_ext_s", When: ldap3, Args: []taint.Arg{taint.A(1, "search_filter")}},
		{Method: "search", When: pythonLDAP, Args: []taint.Arg{taint.A(2, "filterstr")}},
		{Method: "search_s", When: pythonLDAP, Args: []taint.Arg{taint.A(2, "filterstr")}},
		{Method: "search_st", When: pythonLDAP, Args: []taint.Arg{taint.A(2, "filterstr")}},
		{Method: "search_ext", When: pythonLDAP, Args: []taint.Arg{taint.A(2, "filterstr")}},
		{Method: "search_ext_s", When: pythonLDAP, Args: []taint.Arg{taint.A(2, "filterstr")}},
	},
	Sanitizers: []taint.Sanitizer{{Func: "ldap.filter.escape_filter_chars"}, {Func: "ldap3.utils.conv.escape_filter_chars"}},
}

func ldap3(c *taint.Call) bool      { return c.Imports("ldap3") }
func pythonLDAP(c *taint.Call) bool { return c.Imports("ldap") && !c.Imports("ldap3") }
