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
		What:       "Reports python-ldap search, search_s, search_st, search_ext(_s) and ldap3 Connection.search calls whose filter carries request data. Values escaped with ldap.filter.escape_filter_chars or ldap3.utils.conv.escape_filter_chars are not reported.",
		Why:        "Filter metacharacters (*, (, ), |) let attackers widen searches, enumerate the directory or bypass an LDAP login check.",
		Bad:        "user = request.POST[\"username\"]\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, \"(uid=\" + user + \")\")",
		Good:       "user = request.POST[\"username\"]\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, \"(uid=%s)\" % escape_filter_chars(user))",
		Fix:        "Escape every value put into a filter with escape_filter_chars (python-ldap or ldap3).",
		References: []string{"https://www.python-ldap.org/en/latest/reference/ldap-filter.html", "https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html", "https://cwe.mitre.org/data/definitions/90.html"},
	},
	Run: taintRun(taint.LDAP, "LDAP filter built from request data (%s) reaches %s"),
}
