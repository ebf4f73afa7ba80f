package probe

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

// TestShortcutsKeepFindings probes each Django test site twice, with every
// request the checks could want (eager) and with the shortcuts that leave
// requests out, and wants the same findings and grades, compared as JSON:
// a shortcut may save requests, never a finding.
func TestShortcutsKeepFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers")
	}
	t.Parallel()
	for _, variant := range []string{"insecure", "middling", "hardened"} {
		t.Run(variant, func(t *testing.T) {
			site := startSite(t, variant)
			opts := Options{Target: site.URL, HTTPPort: site.HTTPPort, Timeout: liveTimeout}
			switch variant {
			case "hardened":
				opts.RootCAs = site.PKI.Pool
				opts.AdminPaths = []string{"/backstage/"}
			case "middling":
				opts.RootCAs = site.PKI.Pool
			}
			// The active checks (failed logins, open redirects) walk the
			// same login pages; the hardened site's login rate limit would
			// make two runs in a row differ, so it gets the passive probe.
			opts.Active = variant != "hardened"
			eagerOpts := opts
			eagerOpts.eager = true
			eager := runProbe(t, eagerOpts, nil)
			fast := runProbe(t, opts, nil)
			t.Logf("%s: %d findings; %d requests eager (%s), %d with the shortcuts (%s)",
				variant, len(fast.Findings), eager.Requests, eager.Elapsed, fast.Requests, fast.Elapsed)
			if len(eager.Findings) == 0 {
				t.Fatal("no findings at all: the site did not answer")
			}
			a, b := comparable(t, eager), comparable(t, fast)
			if a != b {
				t.Errorf("the findings differ:\neager:\n%s\nwith the shortcuts:\n%s", a, b)
			}
			djangoWording(t, variant, fast)
			if fast.Requests > eager.Requests {
				t.Errorf("the shortcuts sent more requests (%d) than the eager probe (%d)", fast.Requests, eager.Requests)
			}
		})
	}
}

var anyToken = regexp.MustCompile(`djsec-[0-9a-f]{12}`)

// comparable renders a probe's findings and grades as indented JSON, with
// the run's random token taken out and the findings in a fixed order.
func comparable(t *testing.T, res *Result) string {
	t.Helper()
	fs := append([]report.Finding(nil), res.Findings...)
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].Rule != fs[j].Rule {
			return fs[i].Rule < fs[j].Rule
		}
		return fs[i].Fingerprint < fs[j].Fingerprint
	})
	b, err := json.MarshalIndent(struct {
		Findings []report.Finding
		Grades   []report.Grade
	}{fs, res.Grades}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return anyToken.ReplaceAllString(string(b), "djsec-TOKEN")
}

// TestPrefetchAsksBaselinesOfSuccessesOnly checks the shortcut itself: a
// path answering 404 costs one request, a path answering 200 two (the
// baseline of its shape), and eager costs two for each.
func TestPrefetchAsksBaselinesOfSuccessesOnly(t *testing.T) {
	srv, plain := serveHeaderSite(nil, "", true)
	defer srv.Close()
	defer plain.Close()
	for _, eager := range []bool{false, true} {
		opts := Options{Target: srv.URL + "/", eager: eager}
		opts.defaults()
		s, err := newSite(t.Context(), &opts)
		if err != nil {
			t.Fatal(err)
		}
		s.Prefetch("/", "/missing.bak", "/.missing")
		got, want := int(s.client.sent.Load()), 4 // three paths, the baseline of "/"
		if eager {
			want = 6
		}
		if got != want {
			t.Errorf("eager=%v: got %d requests, want %d", eager, got, want)
		}
		if !strings.HasPrefix(s.Baseline("/").URL, srv.URL) {
			t.Errorf("baseline of /: %s", s.Baseline("/").URL)
		}
	}
}
