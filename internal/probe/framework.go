package probe

import (
	"bytes"
	"net/http"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// Whether the site is Django, and which framework's debug page it shows,
// are decided from answers the DEBUG and Host checks fetch anyway (the
// pages on the way to the home page, the answer to a random directory, the
// answer to a foreign Host header): the wording of a finding never costs a
// request.

// seenPage is an answer with what it was an answer to, for messages.
type seenPage struct {
	r    *Response
	what string // "the home page", "a random path", ...
}

// seenPages are the answers the Django evidence and the debug pages are
// read from: the pages on the way to the home page, the answer to a random
// directory and the answer to a foreign Host header.
func (s *Site) seenPages() []seenPage {
	var pages []seenPage
	if _, err := s.Home(); err == nil {
		chain := s.homeChain()
		for i, r := range chain {
			what := "the home page"
			if i < len(chain)-1 {
				what = "the redirect at " + r.URL
			} else if i > 0 {
				what = "the home page (" + r.URL + ")"
			}
			pages = append(pages, seenPage{r, what})
		}
	}
	if r := s.Baseline("/x/"); r != nil {
		pages = append(pages, seenPage{r, "a random path (" + r.URL + ")"})
	}
	if r := s.foreignHost(); r != nil {
		pages = append(pages, seenPage{r, "a request with the unknown Host header " + s.foreignHostName()})
	}
	return pages
}

var (
	// Django's own error pages when DEBUG is off and no template replaces
	// them (django.views.defaults): a 404, the 400 of an unknown host, a
	// 500.
	djangoPlainErrorRe = lazyre.New(`<h1>Not Found</h1><p>The requested resource was not found on this server\.</p>|<title>Bad Request \(400\)</title>|<title>Server Error \(500\)</title>`)
	csrfFieldRe        = lazyre.New(`name=["']csrfmiddlewaretoken["']`)
)

// djangoCookies are the default names of Django's cookies.
var djangoCookies = map[string]bool{"csrftoken": true, "sessionid": true, "django_language": true}

// IsDjango reports whether what the probe has seen of the site says Django
// serves it, and the first sign that says so.
func (s *Site) IsDjango() (bool, string) {
	sign := s.once("django", func() any {
		for _, pg := range s.seenPages() {
			if sign := djangoSign(pg.r); sign != "" {
				return sign
			}
		}
		return ""
	}).(string)
	return sign != "", sign
}

// djangoSign names what in one answer is Django's, or "".
func djangoSign(r *Response) string {
	switch {
	case debugSentenceRe().Match(r.Body) && (technical404Re().Match(r.Body) || disallowedRe().Match(r.Body)):
		return "Django's technical error page"
	case djangoPlainErrorRe().Match(r.Body):
		return "Django's default error page"
	case csrfFieldRe().Match(r.Body):
		return "a form with Django's csrfmiddlewaretoken"
	case isAdminLogin(r):
		return "the Django admin login"
	case bytes.Contains(r.Body, []byte(`id="djDebug"`)):
		return "django-debug-toolbar"
	}
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if djangoCookies[c.Name] {
			return "Django's " + c.Name + " cookie"
		}
	}
	return ""
}

// debugPage is another framework's debug or stack-trace page, recognized
// by text that only that page has.
type debugPage struct {
	marker   lazyre.Regexp
	what     string // "the Werkzeug debugger (...)"
	reveals  string // what the page gives away
	fix      string
	severity report.Severity // zero: the rule's (a debugger); a bare stack trace is medium
}

// debugPages are tried in order: the specific pages before the generic
// stack traces they contain.
var debugPages = []debugPage{
	{
		marker:  lazyre.New(`// Werkzeug Debugger</title>|The debugger caught an exception in your WSGI application`),
		what:    "the Werkzeug debugger (Flask or another WSGI application in debug mode)",
		reveals: "a traceback with source lines and local variables, and an interactive Python console behind a PIN",
		fix:     "Turn debug mode off in production (no --debug, FLASK_DEBUG unset, app.run(debug=False)) and serve the application with a production WSGI server such as gunicorn, never Werkzeug's development server.",
	},
	{
		marker:  lazyre.New(`Action Controller: Exception caught|<h1>Routing Error</h1>[\s\S]*Rails\.root:`),
		what:    "Rails' development error page",
		reveals: "the exception, the application's routes and a backtrace",
		fix:     "Run Rails with RAILS_ENV=production (config.consider_all_requests_local = false) so that errors get the public error pages.",
	},
	{
		marker:  lazyre.New(`Symfony\\Component\\|<div class="exception-summary|sf-dump`),
		what:    "Symfony's debug exception page",
		reveals: "the exception, a stack trace with file paths, and often the request and server parameters",
		fix:     "Run Symfony with APP_ENV=prod and APP_DEBUG=0 in production.",
	},
	{
		marker:  lazyre.New(`Whoops! There was an error\.|Illuminate\\[A-Z][A-Za-z]+\\|window\.ignite|<title>[^<]*Ignition`),
		what:    "Laravel's debug error page (Whoops or Ignition)",
		reveals: "the exception, a stack trace and the environment, often with the database password and APP_KEY",
		fix:     "Set APP_DEBUG=false and APP_ENV=production in the production .env, and clear the configuration cache (php artisan config:cache).",
	},
	{
		marker:  lazyre.New(`Server Error in '[^']*' Application\.?[\s\S]*(Stack Trace:|Version Information:)`),
		what:    "ASP.NET's detailed error page",
		reveals: "the exception, a stack trace and the framework's version",
		fix:     `Set <customErrors mode="RemoteOnly"/> (or "On") and <compilation debug="false"/> in web.config.`,
	},
	{
		marker:   lazyre.New(`<b>(Fatal error|Parse error|Warning)</b>: [^<]{0,1000}? in <b>/|PHP (Fatal error|Warning):  .* in /\S+\.php`),
		what:     "a PHP error message",
		reveals:  "the error and the server's file paths",
		fix:      "Set display_errors = Off (and log_errors = On) in the production php.ini.",
		severity: report.Medium,
	},
	{
		marker:   lazyre.New(`(?m)^\s*at (?:[\w.]+/)?[\w$]+(?:\.[\w$<>]+)+\([\w$]+\.java:\d+\)`),
		what:     "a Java stack trace",
		reveals:  "the exception and the classes and libraries of the application",
		fix:      "Never render exceptions to visitors: in Spring Boot keep server.error.include-stacktrace=never (and include-message=never), and log the trace instead.",
		severity: report.Medium,
	},
	{
		marker:   lazyre.New(`(?m)(<br>|^)\s*(&nbsp;\s*)*at [^\n]*?\(?/[^\s()<]+\.(js|mjs|cjs|ts):\d+:\d+\)?`),
		what:     "a Node.js stack trace",
		reveals:  "the error and the application's file paths",
		fix:      "Run Node with NODE_ENV=production and give the application an error handler that answers a plain 500 page and logs err.stack instead of sending it.",
		severity: report.Medium,
	},
	{
		marker:   lazyre.New(`goroutine \d+ \[running\]:`),
		what:     "a Go panic trace",
		reveals:  "the panic and the program's goroutine stacks with file paths",
		fix:      "Recover panics in a middleware that logs the trace and answers a plain 500 page.",
		severity: report.Medium,
	},
	{
		marker:   lazyre.New(`/gems/[^\s:]+\.rb:\d+:in `),
		what:     "a Ruby backtrace",
		reveals:  "the exception and the application's gems and file paths",
		fix:      "Run the application in production mode and answer errors with a plain 500 page, logging the backtrace instead of sending it.",
		severity: report.Medium,
	},
	{
		marker:   lazyre.New(`Traceback \(most recent call last\):\s+File &?(quot;|")`),
		what:     "a Python traceback",
		reveals:  "the exception, source lines and the server's file paths",
		fix:      "Catch exceptions in the application (or the WSGI server) and answer a plain 500 page; log the traceback instead of sending it.",
		severity: report.Medium,
	},
}

// findDebugPage returns the first of debugPages the body matches.
func findDebugPage(body []byte) *debugPage {
	for i := range debugPages {
		if debugPages[i].marker().Match(body) {
			return &debugPages[i]
		}
	}
	return nil
}
