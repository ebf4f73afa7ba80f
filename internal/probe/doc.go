// Package probe audits a running Django site from outside, as an attacker
// on the internet sees it: TLS, the HTTPS redirect and HSTS, security
// headers, cookies, CORS, Django's debug pages and exposed tools, files
// that should never be served, and, on request, login brute-force
// protection, open redirects and the back-end services of the host.
//
// # Rules and the driver
//
// Every check is an analysis.Rule with Scope analysis.Live, one per file,
// with its documentation, CWE and checklist sections; Rules lists them and
// internal/rules registers them so `djsec rules` shows them. Run is the
// driver: it makes one Site for the target, hands it to the rules as a typed
// target of an analysis.Run (siteTarget), and runs every rule in parallel
// with a Pass of that run. Rules read the Site through the pass (siteOf) and
// report Diagnostics whose Location is a URL; the run turns them into
// findings as it does for the scan, fingerprinted by rule, URL and subject
// (byURL: the run's random token taken out), and the driver computes the
// grades.
//
// # Observations are shared
//
// Rules never talk to the network themselves: they ask the Site, whose
// methods (Home, Get, Baseline, TLS, Cookies, Services, ...) memoize what
// they fetch, so ten header rules cost one request for the home page and
// the TLS handshakes run once for eight TLS rules. Prefetch asks for a
// shape's baseline only once one of its paths answers with a success, the
// only answer Served compares, and LoginPage asks for the other usual
// places only when /accounts/login/ is not one; a test probes the Django
// test sites with and without these shortcuts and wants the same findings.
// The requests that others wait for (the home page, login pages,
// baselines) take their turn before the candidates of the file checks,
// which only findings wait for (slots.go), so that on a site slow to answer
// the chains of dependent requests do not end the probe.
//
// # TLS vulnerabilities
//
// What crypto/tls cannot ask (SSLv2, SSLv3, export, 3DES, DES, NULL and
// anonymous suites, heartbeats, compression, an early ChangeCipherSpec, a
// renegotiation, a bad RSA key exchange, a ticket with a short session ID)
// is asked with the hand-made handshakes of internal/tlsraw:
// Site.TLSVulns runs its eighteen tests once, through the client's
// concurrency limit, and one rule per vulnerability (DJL130-DJL147) reads
// its result. A test that cannot
// decide is a note, never a silent pass.
//
// # Precision
//
// A path check never trusts a status code. Site.Served compares an answer
// with the site's answer to a random path of the same shape (a dotfile, a
// directory, a file with the same extension), with the echoed path and
// numbers taken out, so a site answering 200 to everything, or a soft 404,
// yields nothing. The content must then match what the name promises (a
// SQLite header, "[core]", "ref: refs/", KEY=VALUE lines). Django's DEBUG
// pages are recognized by their text. Truncated bodies are never judged.
// Whether the site is Django at all is read from answers the checks have
// anyway (IsDjango: its cookies, the csrfmiddlewaretoken field, its error
// pages), and the DEBUG and Host findings of a site that is not Django are
// worded for what was seen (another framework's debugger or a stack trace,
// links or redirects built from the Host header), never as DEBUG = True or
// ALLOWED_HOSTS.
//
// # Politeness and safety
//
// All traffic goes through one client: a User-Agent naming djsec, at most
// Options.Concurrency requests, handshakes or connections in flight, a
// deadline per exchange that covers the body (a slow drip ends there), a
// cap on header bytes and on body bytes read after decompression (a gzip
// bomb is read up to the cap), a budget of requests, and no automatic
// redirects (a loop costs one request; the home page follows at most five
// on the same host). Certificates are judged by the TLS rules, and the probe
// goes on over an untrusted connection so the rest of the site is seen.
// Active checks (failed logins, open redirects) and service connections run
// only when asked for.
//
// # Grades
//
// headerGrade follows the MDN HTTP Observatory's scoring table (its ten
// tests, 100 points, bonuses only from 90), one reason per test named as
// the Observatory names it; it has no HSTS preload list, so no preload
// bonus, and Cross-Origin-Opener-Policy and Permissions-Policy are findings,
// not points. bench/probe-peers.sh compares it with the Observatory itself.
// tlsGrade follows SSL Labs' SSL Server Rating Guide (2009r): a score from
// protocol support, key exchange and cipher strength, then the caps (M for
// a name mismatch, T for an untrusted chain, B for TLS 1.0/1.1 or no
// forward secrecy, C for RC4 or 3DES on modern protocols, F for an
// insecure key exchange...), and warnings that turn an A into an A-; the
// caps of the vulnerability tests follow the findings of rules named for
// them. Each grade lists the reasons that produced it.
//
// # Hand-made handshakes
//
// crypto/tls orders the client's suites itself and speaks neither
// finite-field DHE nor curves under P-256, so rawhello.go writes a
// ClientHello by hand (TLS 1.2 and older, whose first server flight is in
// the clear) and reads the ServerHello and ServerKeyExchange: the server's
// cipher order (the same suites offered in two orders), the DHE prime,
// the curves accepted one at a time, and whether a session ID offered back
// resumes. At TLS 1.3 it offers one group with no key share: the
// HelloRetryRequest, still in the clear, names the group if the server
// takes it (the RFC 7919 groups included). It never completes a handshake
// and reads at most 64 KiB.
//
// CAA records and certificate transparency concern public names with
// publicly trusted certificates: for a loopback or private host the probe
// says in its notes that they were not checked, and why.
package probe
