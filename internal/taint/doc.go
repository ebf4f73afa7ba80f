// Package taint follows request data through a Django project's Python code
// to the calls where it becomes dangerous: SQL, HTML responses, redirects,
// shell commands, eval, templates, file paths, outgoing requests,
// deserializers, XML parsers, LDAP filters, logs and ORM writes whose
// field names the request chooses.
//
// The analysis is project-wide and computed once per scan (rules share it
// through Project.Memo):
//
//  1. Every Python file is parsed, in parallel, and indexed: dotted module
//     names from paths, the names each module imports (a python.Resolver
//     where the first import of a name wins, as in try/except ImportError
//     fallbacks), its functions and classes (Program), including those
//     defined under if/try/with; a name defined twice keeps every
//     definition (the last under its own name, as the interpreter would).
//  2. The URL configuration (path, re_path, url, include, as_view, DRF
//     routers) says which functions and classes are views and which of their
//     path parameters carry strings (str, slug, path converters, regex
//     groups that are not digits) rather than ints or UUIDs, and which of
//     those admit only slug text (no scheme, host, "..", markup or line
//     break can pass) or only word characters (\w+: no shell syntax or
//     option either). In middleware hooks that see every request,
//     request.path is request data for redirects (//evil.example/).
//  3. Each function is interpreted once per round over its statements, with
//     an environment mapping variables (and self attributes) to the origins
//     of their taint. Origins are real sources (request.GET ...) or the
//     function's own parameters; the latter make the function's summary:
//     which parameters reach its return value and which reach which sinks.
//     Rounds repeat, each reading the summaries of the previous one, until
//     no summary changes (bounded), so taint crosses functions and modules.
//  4. Sanitizers do not remove taint: they mark it clean for the sink kinds
//     they protect (escape for HTML, shlex.quote for shells, int() for all),
//     and branch guards (allowlist membership, url_has_allowed_host_and_scheme,
//     re.match and fullmatch, also through a pattern the module compiles at
//     its top level; a resolved path's startswith(root) or equality with a
//     resolved root) clean a variable inside the guarded branch or after an
//     early return. A statement that passes a variable to int() proves it
//     numeric for the code after it (int() raised otherwise), unless the
//     call may not run (and, or, a conditional expression) or the
//     statement assigns the variable.
//     A project function whose every true return comes after a guard on a
//     parameter is itself a guard (Summary.Checks: if is_safe(url): ...),
//     and a form's clean_<field> method vouches for cleaned_data[field],
//     as does a field name that every form and serializer of the project
//     declares as a number, date, boolean, UUID, model choice or choice,
//     or that the form class the function made (form = QuarterForm(...))
//     declares so (formfields.go): its cleaned value holds no text of the
//     client's.
//
// The engine knows no sink by name. Each rule declares a Spec next to its
// documentation (internal/rules/code): its sinks (a qualified name or a
// method name, the dangerous arguments, and for the few that need it a
// hook that looks at the call), the sanitizers that make data safe for its
// kind and the guards that do so inside a branch. Library (library.go)
// says what Python's and Django's helpers do with data whatever the sink:
// which results are clean (int(), reverse()) and which carry their
// arguments (str(), os.path.join(), re.sub's repl and string), and which
// calls run a function they are given (loop.run_in_executor(None, exec,
// code) is exec(code)). A project class inherits the sinks of its library
// bases (a SafeString subclass, a models.Model). NewConfig compiles them
// once; adding a sink is one line in its rule's file.
//
// Every origin carries the chain of steps it went through, so that each
// finding shows its source-to-sink path. The interpretation is linear in
// the size of a function (loops are visited twice, branches once each), so a
// large project is analysed in seconds. After the first round only the
// callers of functions whose summary changed are interpreted again, and a
// caller that met no request data and that nothing calls (a test passing
// fixtures to a helper) only when the summary now returns request data
// whatever its arguments: nothing else can change its findings.
//
// What it leaves out, on purpose, to stay precise: data stored in the
// database or the cache and read back (stored XSS belongs to the template
// rules), calls of library functions it does not know (their results are
// clean unless listed as propagating), objects built by project
// constructors, attributes set in one method and read in another, lambdas,
// and dynamic dispatch through variables. Nested functions are interpreted
// where they are defined, with the variables they capture. Taint from a
// Celery task's .delay(...) call reaches the task's body.
package taint
