package guard

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// Rules returns the guard's rules (DJG), in id order. DJG0xx check the
// configuration when it is loaded (`--check`, start, reload); DJG1xx say
// what the traffic showed, reported by the controls through their events.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		TrustedProxiesTooBroad, AdminNotAllowlisted, AdminListenerExposed, LoginNotProtected,
		LoginBruteForce, SensitivePathProbed, WAFAttack, ApplicationFailing,
	}
}

// configTarget hands the loaded configuration to the configuration rules.
var configTarget = analysis.NewTarget[*Config]("guard.config")

// configLoc is where a key of the config file sits.
func configLoc(c *Config, key string, from int) report.Location {
	line := c.keyLine(key, from)
	if line == 0 {
		line = max(from, 1)
	}
	return report.Location{Path: c.Path, Line: line, Column: 1}
}

// CheckConfig runs the configuration rules over cfg.
func CheckConfig(cfg *Config) *analysis.Result {
	run := analysis.NewRun(analysis.RunOptions{})
	configTarget.Set(run, cfg)
	for _, r := range Rules() {
		if r.Run != nil {
			run.Call(run.Pass(r, nil, nil))
		}
	}
	return run.Result()
}

// eventRules maps the events that mean something for the site's security
// to the rule that says what.
var eventRules = map[string]*analysis.Rule{}

func init() {
	eventRules[EventBan] = LoginBruteForce
	eventRules[EventBlockedPath] = SensitivePathProbed
	eventRules[EventWAF] = WAFAttack
	eventRules[EventUpstreamError] = ApplicationFailing
}

// findings is the event sink that keeps what the traffic showed, for the
// report: one entry per rule, route and client, however many events, in
// a bounded table.
type findings struct {
	mu      sync.Mutex
	since   time.Time
	entries map[findingKey]*findingEntry
	dropped int
}

type findingKey struct{ rule, route, client string }

type findingEntry struct {
	count       int
	first, last time.Time
	sample      Event
}

const maxFindingEntries = 10000

func newFindings(now time.Time) *findings {
	return &findings{since: now, entries: map[findingKey]*findingEntry{}}
}

func (f *findings) Event(e Event) {
	r := eventRules[e.Kind]
	if r == nil || e.Kind == EventBan && strings.HasPrefix(e.Reason, banReasonPath) {
		return // a scanner's ban: its DJG102 finding says it all
	}
	client := e.Client
	if e.Kind == EventUpstreamError {
		client = "" // one finding per route: the application, not a client
	}
	k := findingKey{r.ID, e.Route, client}
	f.mu.Lock()
	defer f.mu.Unlock()
	en := f.entries[k]
	if en == nil {
		if len(f.entries) >= maxFindingEntries {
			f.dropped++
			return
		}
		en = &findingEntry{first: e.Time, sample: e}
		f.entries[k] = en
	}
	en.count++
	en.last = e.Time
	if e.Kind == EventBan {
		en.sample = e // the latest ban says how long
	}
}

// Report is the guard's findings: the configuration rules, and what the
// traffic showed since the guard started, as a djsec report.
func (g *Guard) Report(version string) *report.Report {
	cfg := g.Config()
	run := analysis.NewRun(analysis.RunOptions{})
	configTarget.Set(run, cfg)
	for _, r := range Rules() {
		if r.Run != nil {
			run.Call(run.Pass(r, nil, nil))
		}
	}
	f := g.findings
	f.mu.Lock()
	keys := make([]findingKey, 0, len(f.entries))
	for k := range f.entries {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b findingKey) int {
		return strings.Compare(a.rule+a.route+a.client, b.rule+b.route+b.client)
	})
	passes := map[string]*analysis.Pass{}
	for _, k := range keys {
		en := f.entries[k]
		r := eventRules[en.sample.Kind]
		p := passes[r.ID]
		if p == nil {
			p = run.Pass(r, nil, nil)
			passes[r.ID] = p
		}
		p.Report(analysis.Diagnostic{
			Location: report.Location{URL: routeURL(k.route, en.sample.Path)},
			Message:  eventMessage(en),
			Snippet:  k.client,
			Properties: map[string]any{
				"events": en.count, "first": en.first.UTC().Format(time.RFC3339), "last": en.last.UTC().Format(time.RFC3339),
			},
		})
	}
	since, dropped := f.since, f.dropped
	f.mu.Unlock()
	if dropped > 0 {
		run.Note(fmt.Sprintf("%d events were not kept: the table of findings holds %d entries", dropped, maxFindingEntries))
	}
	run.Note(fmt.Sprintf("traffic since %s", since.UTC().Format(time.RFC3339)))
	target := cfg.Listen
	if cfg.Path != "" {
		target = cfg.Path
	}
	return analysis.NewReport(target, version, Rules(), Rules(), run.Result())
}

func routeURL(route, path string) string {
	if route == "" || route == "default" {
		return path
	}
	return route
}

func eventMessage(en *findingEntry) string {
	e := en.sample
	switch e.Kind {
	case EventBan:
		until := ""
		if e.Until != nil {
			until = " until " + e.Until.UTC().Format(time.RFC3339)
		}
		return fmt.Sprintf("%s was banned %d time(s) for failed logins (ban %d%s)", e.Client, en.count, e.Count, until)
	case EventBlockedPath:
		return fmt.Sprintf("%s asked %d time(s) for never-served paths such as %s", e.Client, en.count, e.Path)
	case EventWAF:
		verb := "matched"
		if e.Status == 403 {
			verb = "was refused for"
		}
		return fmt.Sprintf("%s %s WAF rules %d time(s): %s", e.Client, verb, en.count, e.Reason)
	case EventUpstreamError:
		return fmt.Sprintf("the application failed to answer %d request(s) (%s)", en.count, e.Reason)
	}
	return e.Kind
}

// wideProxy reports a trusted range that lets any client write its own
// address.
func wideProxy(p netip.Prefix) bool {
	return p.Addr().Is4() && p.Bits() < 8 || p.Addr().Is6() && p.Bits() < 16
}
