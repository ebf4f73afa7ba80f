// Package guard is `djsec guard`: a reverse proxy that enforces, in front
// of a Django application, the runtime controls of the security checklist
// — per-address rate limits, fail2ban-style bans on failed logins, an
// admin allowlist, body-size and method limits, never-served paths,
// security headers, slow-client timeouts and an opt-in WAF — and reports
// what it sees as metrics, JSON events, Alertmanager alerts and DJG
// findings.
//
// # Shape
//
// A Guard is an http.Handler around net/http/httputil.ReverseProxy, with
// an HTTP/1.1 fast path beside it (below).
// Everything a config decides (routes, headers, the proxy and its
// transport, the certificate, the compiled WAF) lives in one immutable
// state swapped atomically on Reload, so a request sees one config from
// start to end and SIGHUP drops no connection. What outlives a config —
// the rate-limit table, the bans, the metrics, the event sinks, the
// Redis connection — hangs off the Guard. Server-side deadlines are
// nginx's: ReadHeaderTimeout for slow headers, and per read or write of a
// body (idleBody, guardWriter) rather than for the whole request, so long
// uploads, downloads and WebSockets live while they make progress.
//
// # Two paths to the application, one set of controls
//
// On a plain-HTTP listener the HTTP/1.1 fast path (h1.go) reads each
// connection first. A request its strict parser (h1parse.go) accepts —
// HTTP/1.1, origin-form, a Content-Length body or none, no hop-by-hop
// machinery, nothing ambiguous — is served in the connection's goroutine
// over pooled upstream connections (h1upstream.go, h1resp.go), with no
// goroutine or channel per request; everything else, and the rest of that
// connection, goes to the http.Server and the ReverseProxy as before
// (TLS and HTTP/2, WebSockets, chunked uploads, Expect, HTTP/1.0, every
// malformed request, with net/http's own answers). Both paths run
// Guard.handle, which applies the controls below and calls a forwarder
// for what they admit: the ReverseProxy, or h1Forward. The request passed
// on (rewriteOut) and the answer's treatment (fromUpstream, the security
// headers in guardWriter) are shared too. On one core the fast path
// serves two to three times the requests net/http did (bench/guard.sh).
//
// What the fast path costs per request is kept to the kernel's share:
// no allocation for a common request (headStrings makes a head's strings
// from blocks that are only appended to; everything else is reused per
// connection), a garbage collector told to run seldom (gc.go), and two
// reads and two writes a request: the request's last write to the
// application waits for the answer without reading first (connIO.Write),
// and a connection yields to the others before it reads its client's
// next request, which has then usually arrived. BenchmarkFastPath counts
// the allocations; bench/guard.sh measures the rest beside nginx.
//
// # Order of the controls
//
// ServeHTTP applies, in order: TRACE/TRACK (405), hosts (400), dot segments (400),
// never-served paths (404), bans (403), the route's allowlist (403),
// allowed methods (405), the declared body size (413), the rate limit
// (429 or a delay). The body is then read whole, up to max_body (413 past
// it, 408 when it stalls), before the application sees any of it, unless
// the route streams; then the WAF, then the proxy. Responses get the
// security headers as their header is written, so the guard's own error
// pages carry them too. Routes are matched on the path with repeated
// slashes merged; the first route that matches wins.
//
// # Rate limits
//
// limit.go is nginx limit_req's arithmetic written as GCRA: one
// theoretical arrival time per route and client, "excess" = (tat-now)/T,
// refused above burst, delayed above delay. TestGCRAMatchesNginx checks
// it request by request against nginx's own formula. The table is sharded
// and bounded (max_clients): a full shard drops decayed entries first,
// then an eighth at random, and keys are stored as 64-bit hashes. With
// Redis, redis_rate's Lua script does the same on Redis' clock (its Burst
// is nginx's burst + 1).
//
// # Clients and bans
//
// client.go takes the client from X-Forwarded-For only behind a trusted
// proxy, from the right, and keys IPv6 by /64. ban.go counts failures in
// a sliding window and bans with growing ban times; bans are written to
// state_dir/bans.json on every change. With Redis (redis.go), failures
// are counted in a sorted set per client, bans are keys expiring with the
// ban and are published on a channel; every replica mirrors them in its
// local store, so a ban check costs no round trip, and reads them all
// back on start, on reconnect and every 30 seconds. While Redis is down
// the redis_failure policy decides, and bans made meanwhile are written
// back when it returns.
//
// # Events, findings, alerts
//
// Controls emit Events to sinks: the JSON writer (noisy kinds at most once
// a minute per client), the alerter (bounded queue, deduplication window,
// bounded retries with backoff) and the findings sink, which turns events
// into DJG findings through analysis.Run, one per rule, route and client
// (rules.go; the rules live in rule_*.go). Configuration rules run at
// --check, start and reload. The guard returns reports; it never renders
// one (GET /report serves the JSON model; the command line renders).
//
// # Init
//
// init.go writes a commented guard.toml for a Site; package siteinfo
// fills the Site from a project's URLconf and settings.
package guard
