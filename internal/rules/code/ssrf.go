package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// SSRF is a taint rule: the server fetches a URL taken from the request.
var SSRF = &analysis.Rule{
	ID:         "DJC108",
	Name:       "ssrf",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{918},
	Checklist:  []int{4},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "The server fetches a URL taken from the request",
		What:       "Reports requests, httpx and urllib calls whose URL carries request data. URLs whose scheme and host are pinned by a constant prefix, paths that start with a literal segment (f\"events/{event_id}/\", joined to a base the code chose with urljoin or +: with no scheme before its first slash, what follows cannot name another host), request data after a start the code computed and a slash (f\"{integration.server_url}/assets/{asset_id}\": the start names the server, whose own data is judged apart), and URLs whose host is checked against an allowlist (urlparse(url).hostname in ALLOWED, or parsed = urlsplit(url) then parsed.netloc in ALLOWED) in a guarding branch, are not reported." + staffNote,
		Why:        "The server becomes the attacker's proxy into the internal network: cloud metadata endpoints (credentials), admin interfaces, databases bound to localhost.",
		Bad:        "url = request.GET[\"url\"]\nresp = requests.get(url, timeout=5)",
		Good:       "url = request.GET[\"url\"]\nif urlparse(url).hostname not in ALLOWED_HOSTS:\n    return HttpResponseBadRequest()\nresp = requests.get(url, timeout=5)",
		Fix:        "Fetch only from an allowlist of hosts (check urlparse(url).hostname), or build the URL from a constant base and a validated path.",
		References: []string{"https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html", "https://cwe.mitre.org/data/definitions/918.html"},
	},
	Run: taintRun(ssrfSinks, "outgoing request URL built from request data (%s) reaches %s"),
}

// ssrfSinks are the calls that send a request to a URL.
var ssrfSinks = &taint.Spec{
	Kind: taint.SSRF,
	Sinks: []taint.Sink{
		{Func: "requests.get", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.post", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.put", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.patch", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.delete", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.head", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.options", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "requests.request", Args: []taint.Arg{taint.A(1, "url")}},
		{Func: "requests.stream", Args: []taint.Arg{taint.A(1, "url")}},
		{Func: "httpx.get", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.post", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.put", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.patch", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.delete", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.head", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.options", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "httpx.request", Args: []taint.Arg{taint.A(1, "url")}},
		{Func: "httpx.stream", Args: []taint.Arg{taint.A(1, "url")}},
		{Func: "urllib.request.urlopen", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "urllib.request.Request", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "urllib.urlopen", Args: []taint.Arg{taint.A(0, "url")}},
		{Func: "urllib2.urlopen", Args: []taint.Arg{taint.A(0, "url")}},
	},
	Guards: []taint.Guard{
		{Func: "**.url_has_allowed_host_and_scheme", Arg: taint.A(0, "url")},
		{Func: "**.is_safe_url", Arg: taint.A(0, "url")},
	},
}
