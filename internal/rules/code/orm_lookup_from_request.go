package code

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// ORMLookupFromRequest is a taint rule: the request chooses the field
// names and lookups of a query.
var ORMLookupFromRequest = &analysis.Rule{
	ID:         "DJC231",
	Name:       "orm-lookup-from-request",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{200, 943},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The request chooses the fields a query filters on or returns",
		What: "Reports ORM queries whose field names or lookups come from the request: queryset.filter(**data), " +
			"exclude(**data), get(**data), Q(**data), a dictionary whose keys the request fills " +
			"(filter(**{request.GET[\"field\"] + \"__icontains\": term})), and values(*fields) or values_list(*fields) " +
			"with names from the request, where data is request.GET, request.POST, request.data, a parsed request " +
			"body or built from them. Values that only fill the lookups the code names (filter(name=request.GET[\"q\"])), " +
			"dictionaries with the code's own keys (a display, item assignments, a comprehension over the code's names), a form's " +
			"cleaned_data and a serializer's validated_data, and a name checked against a collection the request did not fill " +
			"(field in SORTABLE, name in view.filter_fields) are not reported, nor is a key that ends in the code's text with a literal value " +
			"(filter(**{f\"{kind}__isnull\": False})): the client picks a path, not the lookup or what it is compared with; nor is a filter or exclude " +
			"made as a statement of its own and thrown away (try: Model.objects.filter(**params) except FieldError: ..., a check of the names): a queryset never evaluated runs no query. The calls of one name in one file that one read of the request reaches " +
			"(a filter backend's six Q(**{key: value}) built from one loop over request.GET) are one finding, at the first, naming the other lines: " +
			"the fix, an allow-list of keys, is at the source." + staffNote,
		Why: "Django's lookups follow relations: a client who picks the keyword can filter on " +
			"owner__password__startswith=\"pbkdf2_sha256$\", user__email__regex or any other column the model " +
			"reaches, and learn it one character at a time from whether rows come back; with values() it reads the " +
			"column outright (values(\"password\")).",
		Bad:  "Ticket.objects.filter(**request.GET.dict())",
		Good: "filters = {k: v for k, v in request.GET.items() if k in {\"status\", \"priority\"}}\nTicket.objects.filter(**filters)",
		Fix: "Name the fields a client may filter on or read in the code: pick them from an allow-list, use a " +
			"FilterSet (django-filter) or a form, and pass the values as keywords you write out.",
		References: []string{"https://www.elttam.com/blog/plormbing-your-django-orm/",
			"https://docs.djangoproject.com/en/stable/ref/models/querysets/#field-lookups",
			"https://cwe.mitre.org/data/definitions/943.html"},
	},
	Run: taintRunBySource(ormLookupSinks, "request data (%s) chooses the fields and lookups of %s: the client can filter on or read any column the model reaches, a password hash included"),
}

// evaluatedQuery reports a queryset's filter or exclude whose result is
// read: a query that is built and thrown away (a check that the names are
// fields, by FieldError) never runs.
func evaluatedQuery(c *taint.Call) bool { return ormReceiver(c) && !c.Discarded() }

// ormLookupSinks are the queryset calls that take field names and lookups
// as keywords (the dictionaries spread with **, as fieldNames reads them
// for writes), and those that take the fields they return as arguments.
var ormLookupSinks = &taint.Spec{
	Kind: taint.Lookup,
	Sinks: []taint.Sink{
		{Method: "filter", When: evaluatedQuery, Exprs: lookupNames},
		{Method: "exclude", When: evaluatedQuery, Exprs: lookupNames},
		{Method: "get", When: ormReceiver, Exprs: lookupNames},
		{Func: "django.db.models.Q", Name: "Q(**…)", Exprs: lookupNames},
		{Func: "django.db.models.query_utils.Q", Name: "Q(**…)", Exprs: lookupNames},
		{Method: "values", When: ormReceiver, Exprs: returnedFields},
		{Method: "values_list", When: ormReceiver, Exprs: returnedFields},
	},
}

// lookupNames is fieldNames without the keys of a dictionary written out
// whose name ends in the code's text and whose value is a literal:
// {f"{kind}__isnull": False}. The client picks a path, but neither the
// lookup at its end nor what it is compared with, so no column's value
// can be read one character at a time.
func lookupNames(c *taint.Call) []python.Expr {
	fixed := map[python.Expr]bool{}
	for _, k := range c.Keywords {
		if d, ok := k.Value.(*python.Dict); ok && k.Arg == "" {
			for i, key := range d.Keys {
				if key != nil && literalTail(key) && isLiteral(d.Values[i]) {
					fixed[key] = true
				}
			}
		}
	}
	out := fieldNames(c)
	if len(fixed) > 0 {
		out = slices.DeleteFunc(out, func(e python.Expr) bool { return fixed[e] })
	}
	return out
}

// literalTail reports a computed name whose end is literal text:
// f"{kind}__isnull", kind + "__isnull", "%s__isnull" % kind.
func literalTail(e python.Expr) bool {
	switch x := e.(type) {
	case *python.JoinedStr:
		if len(x.Values) < 2 {
			return false
		}
		s, ok := constStr(x.Values[len(x.Values)-1])
		return ok && s != ""
	case *python.BinOp:
		switch x.Op {
		case python.Add:
			s, ok := constStr(x.Right)
			return ok && s != ""
		case python.Mod:
			s, ok := constStr(x.Left)
			i := strings.LastIndex(s, "%s")
			return ok && i >= 0 && i+2 < len(s)
		}
	}
	return false
}

// isLiteral reports a constant: True, None, 0, "open".
func isLiteral(e python.Expr) bool {
	_, ok := e.(*python.Constant)
	return ok
}

// returnedFields returns the positional arguments of values() and
// values_list(): the names of the columns the query returns.
func returnedFields(c *taint.Call) []python.Expr {
	var out []python.Expr
	for _, a := range c.Args {
		if s, ok := a.(*python.Starred); ok {
			a = s.Value
		}
		out = append(out, a)
	}
	return out
}
