package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeSite is a small insecure site: DEBUG pages, an exposed .env, a
// session cookie without HttpOnly.
func fakeSite(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: "abc", Path: "/", SameSite: http.SameSiteLaxMode})
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>shop</body></html>"))
		case "/.env":
			w.Write([]byte("SECRET_KEY=abc\nDEBUG=1\n"))
		default:
			w.WriteHeader(404)
			w.Write([]byte(`<title>Page not found at /x</title><p>Using the URLconf defined in <code>shop.urls</code></p>
<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestProbeCommand(t *testing.T) {
	srv := fakeSite(t)
	for _, format := range []string{"json", "sarif", "text"} {
		t.Run(format, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main([]string{"probe", srv.URL, "--format", format, "--fail-on", "high", "--concurrency", "2", "--timeout", "2s"}, &out, &errb)
			if code != exitFindings {
				t.Fatalf("exit status: got %d, want %d (stderr %q)", code, exitFindings, errb.String())
			}
			switch format {
			case "json":
				var r struct {
					Schema   string `json:"schema"`
					Target   string `json:"target"`
					Findings []struct {
						Rule     string `json:"rule"`
						Location struct {
							URL  string `json:"url"`
							Path string `json:"path"`
						} `json:"location"`
					} `json:"findings"`
					Grades []struct {
						Name    string   `json:"name"`
						Grade   string   `json:"grade"`
						Reasons []string `json:"reasons"`
					} `json:"grades"`
				}
				if err := json.Unmarshal(out.Bytes(), &r); err != nil {
					t.Fatal(err)
				}
				if r.Schema != "djsec/report/v1" || r.Target != srv.URL {
					t.Errorf("schema %q target %q", r.Schema, r.Target)
				}
				rules := map[string]bool{}
				for _, f := range r.Findings {
					rules[f.Rule] = true
					if f.Location.URL == "" || f.Location.Path != "" {
						t.Errorf("%s: location %+v, want a URL only", f.Rule, f.Location)
					}
				}
				for _, want := range []string{"DJL201", "DJL302", "DJL401", "DJL408"} {
					if !rules[want] {
						t.Errorf("no %s finding", want)
					}
				}
				if len(r.Grades) != 2 || r.Grades[0].Name != "headers" || r.Grades[1].Name != "tls" || len(r.Grades[0].Reasons) == 0 {
					t.Errorf("grades: got %+v", r.Grades)
				}
			case "sarif":
				var log struct {
					Runs []struct {
						Results []struct {
							Locations []struct {
								Physical struct {
									Artifact struct {
										URI string `json:"uri"`
									} `json:"artifactLocation"`
								} `json:"physicalLocation"`
							} `json:"locations"`
							Properties struct {
								URL string `json:"url"`
							} `json:"properties"`
						} `json:"results"`
					} `json:"runs"`
				}
				if err := json.Unmarshal(out.Bytes(), &log); err != nil {
					t.Fatal(err)
				}
				// Code scanning rejects a location that is not a path: a
				// live finding is placed at host_port/path, its URL kept
				// as a property.
				if len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
					t.Fatalf("sarif: no results in %s", out.String()[:min(400, out.Len())])
				}
				hostDir := strings.ReplaceAll(strings.TrimPrefix(srv.URL, "http://"), ":", "_")
				for _, res := range log.Runs[0].Results {
					uri := res.Locations[0].Physical.Artifact.URI
					if strings.Contains(uri, "://") || strings.HasSuffix(uri, "/") || !strings.HasPrefix(uri, hostDir) || !strings.HasPrefix(res.Properties.URL, srv.URL) {
						t.Errorf("sarif: location %q, url %q; want a relative path under %s and the URL as a property", uri, res.Properties.URL, hostDir)
					}
				}
			case "text":
				s := out.String()
				for _, want := range []string{"DJL401", "Summary:", "on " + srv.URL, "Grade headers:", "Grade tls: F", "not served over HTTPS"} {
					if !strings.Contains(s, want) {
						t.Errorf("text output lacks %q:\n%s", want, s)
					}
				}
			}
		})
	}
}

func TestProbeUsageErrors(t *testing.T) {
	cases := [][]string{
		{"probe"},
		{"probe", "ftp://example.com"},
		{"probe", "https://example.com", "--format", "xml"},
		{"probe", "https://example.com", "--header", "no colon"},
		{"probe", "https://example.com", "--ca-file", "/does/not/exist"},
		{"probe", "https://example.com", "--concurrency", "0"},
		{"probe", "https://127.0.0.1:1/", "--timeout", "2s"},
		{"probe", "https://example.com", "--service-port", "oracle=1521"},
		{"probe", "https://example.com", "--service-port", "redis"},
	}
	for _, args := range cases {
		var out, errb bytes.Buffer
		if code := Main(args, &out, &errb); code != exitError {
			t.Errorf("%v: exit %d, want %d", args, code, exitError)
		}
		if lines := strings.Count(errb.String(), "\n"); lines != 1 {
			t.Errorf("%v: stderr %q, want one line", args, errb.String())
		}
	}
}

var (
	tokenRe    = regexp.MustCompile(`djsec-[0-9a-f]{12}`)
	durationRe = regexp.MustCompile(`requests in [0-9.]+(ms|s|µs)`)
	// Fingerprints hash the URL, whose port is random here; their
	// stability is TestFingerprintsStable's business.
	fingerprintRe = regexp.MustCompile(`("fingerprint"|"djsecFingerprint/v1"): "[0-9a-f]{24}"`)
)

// TestGoldenProbe pins the whole output of a probe of a small fake site in
// every format, with the site's address, the run's random token and the
// duration normalized. Run `go test ./internal/cli -update` after a
// deliberate change and read the diff.
func TestGoldenProbe(t *testing.T) {
	srv := fakeSite(t)
	for _, format := range []string{"text", "json", "sarif", "html"} {
		t.Run(format, func(t *testing.T) {
			_, out, stderr := run(t, "probe", srv.URL, "--format", format, "--concurrency", "1")
			if stderr != "" {
				t.Fatalf("stderr: %s", stderr)
			}
			out = strings.ReplaceAll(out, srv.URL, "http://SITE")
			out = strings.ReplaceAll(out, strings.TrimPrefix(srv.URL, "http://"), "SITE")
			out = strings.ReplaceAll(out, strings.ReplaceAll(strings.TrimPrefix(srv.URL, "http://"), ":", "_"), "SITE")
			out = tokenRe.ReplaceAllString(out, "djsec-TOKEN")
			out = durationRe.ReplaceAllString(out, "requests in TIME")
			out = fingerprintRe.ReplaceAllString(out, `$1: "FINGERPRINT"`)
			golden := filepath.Join("testdata", "golden", "probe."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -update)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run go test ./internal/cli -update and review the diff)\n%s", golden, firstDiff(out, string(want)))
			}
		})
	}
}
