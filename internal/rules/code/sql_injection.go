package code

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// SQLInjection finds request data built into SQL text.
var SQLInjection = &analysis.Rule{
	ID:         "DJC101",
	Name:       "sql-injection",
	Severity:   report.Critical,
	Confidence: report.HighConfidence,
	CWE:        []int{89},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Request data is built into an SQL query",
		What: "Reports cursor.execute, executemany, Manager.raw, QuerySet.extra, RawSQL and connection.execute " +
			"calls whose SQL text contains data from the request (query string, form fields, cookies, headers, " +
			"body, URL path parameters, validated form data), followed through variables, string building, " +
			"containers and the project's own helper functions. Queries whose SQL is a constant with the values " +
			"passed separately as parameters are not reported, nor values converted with int(), float() or uuid.UUID(). " +
			"A method of the project's own class called on an instance the function made (queue = JobQueue(user); " +
			"queue.execute(job_id)) is that method, followed into its body, not a cursor's execute. A GraphQL schema's execute (graphene, strawberry, " +
			"graphql-core) runs no SQL: request data formatted into the document it runs is medium, reported as what it is, a client " +
			"adding fields and arguments that the resolvers answer with the server's rights; pass values as variables." + staffNote,
		Why: "An attacker who controls part of the SQL text can read or change any row the database user can " +
			"reach: other users' data, password hashes, session keys.",
		Bad:  "q = request.GET[\"q\"]\ncursor.execute(\"SELECT * FROM shop_product WHERE name LIKE '%\" + q + \"%'\")",
		Good: "q = request.GET[\"q\"]\ncursor.execute(\"SELECT * FROM shop_product WHERE name LIKE %s\", [\"%\" + q + \"%\"])",
		Fix: "Use the ORM, or pass values as query parameters (cursor.execute(sql, params), raw(sql, params), " +
			"RawSQL(sql, params)) with a constant SQL string; never format values into SQL.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection",
			"https://docs.djangoproject.com/en/stable/topics/db/sql/",
			"https://cwe.mitre.org/data/definitions/89.html",
		},
	},
	Run: taintRunWith(sqlSinks, "SQL query built from request data (%s) reaches %s", graphQLDocument),
}

// sqlSinks are the calls that run SQL text.
var sqlSinks = &taint.Spec{
	Kind: taint.SQL,
	Sinks: []taint.Sink{
		{Method: "execute", When: func(c *taint.Call) bool { return !graphQLSchema(c) }, Not: []string{"subprocess.**", "os.**"},
			Args: []taint.Arg{taint.A(0, "sql", "query", "operation")}},
		{Method: "execute", When: graphQLSchema, Name: "{recv}.execute" + asGraphQL,
			Args: []taint.Arg{taint.A(0, "request_string", "source", "query")}},
		{Method: "executemany", Not: []string{"subprocess.**", "os.**"}, Args: []taint.Arg{taint.A(0, "sql", "query", "operation")}},
		{Method: "executescript", Not: []string{"subprocess.**", "os.**"}, Args: []taint.Arg{taint.A(0, "sql", "query", "operation")}},
		{Method: "raw", Args: []taint.Arg{taint.A(0)}},
		{Method: "extra", Args: []taint.Arg{taint.K("where"), taint.K("select"), taint.K("tables"), taint.K("order_by")}},
		{Func: "**.RawSQL", Name: "RawSQL", Args: []taint.Arg{taint.A(0, "sql")}, When: func(c *taint.Call) bool {
			return strings.HasPrefix(c.Q, "django.") || c.Imported("RawSQL") != ""
		}},
	},
}

// asGraphQL ends the name of a sink that runs a GraphQL document.
const asGraphQL = " (a GraphQL schema)"

// graphQLSchema reports execute called on a GraphQL schema (graphene's,
// strawberry's, graphql-core's), built in this module or imported from
// another: it runs a GraphQL document over the schema's resolvers, not
// SQL.
func graphQLSchema(c *taint.Call) bool {
	return c.Derives(c.Built(c.Receiver()), func(q string) bool {
		switch q {
		case "graphene.Schema", "graphene.types.schema.Schema", "strawberry.Schema", "strawberry.federation.Schema",
			"graphql.GraphQLSchema", "graphql.type.schema.GraphQLSchema":
			return true
		}
		return false
	})
}

// graphQLDocument rewrites a finding whose query is a GraphQL document:
// no SQL runs, but a client who closes the document's braces adds fields
// and arguments that the resolvers answer with the server's own rights,
// past the checks of the project's GraphQL endpoint.
func graphQLDocument(f taint.Finding, d *analysis.Diagnostic) {
	if !strings.HasSuffix(f.Sink, asGraphQL) {
		return
	}
	d.Severity = report.Medium
	d.Message = "GraphQL document built from request data (" + f.Source + ") reaches " + strings.TrimSuffix(f.Sink, asGraphQL) +
		": a client who closes its braces adds fields and arguments, which the schema's resolvers answer with the server's own " +
		"rights, past the API's key checks and query-cost limits; keep the document constant and pass values as variables " +
		"(schema.execute(QUERY, variables={\"lat\": lat}))"
}
