package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

func sample() *report.Report {
	return &report.Report{
		Schema: report.Schema, Tool: report.Tool{Name: "djsec", Version: "0.1.0"}, Target: "shop",
		Findings: []report.Finding{{
			Rule: "DJT102", Name: "autoescape-disabled-on-variable", Severity: report.Medium, Confidence: report.HighConfidence,
			Message:  `{{ x|safe }} outputs <script>alert(1)</script> unescaped`,
			Location: report.Location{Path: "t/a.html", Line: 3, Column: 5}, CWE: []int{79}, Checklist: []int{7},
			Fix: "Remove |safe.", Fingerprint: "abc",
			Flow: []report.Step{{Location: report.Location{Path: "v.py", Line: 1, Column: 1}, Message: "read here"}, {Location: report.Location{Path: "v.py", Line: 2, Column: 1}, Message: "reaches sink"}},
		}},
		Summary: report.Summary{Files: 1, BySeverity: map[string]int{"medium": 1}, Checklist: map[string]report.Section{"7": {Title: "CSRF and XSS", Status: "checked", Rules: 3, Findings: 1}}},
	}
}

func TestJSONNeverNull(t *testing.T) {
	var buf bytes.Buffer
	r := sample()
	r.Findings = nil
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("got %s, want findings as an empty list", buf.String())
	}
}

func TestSARIF(t *testing.T) {
	var buf bytes.Buffer
	err := WriteSARIF(&buf, sample(), []report.RuleInfo{{ID: "DJT102", Name: "autoescape-disabled-on-variable", Title: "t", Help: "h", HelpURI: "https://x", Severity: report.Medium, Confidence: report.HighConfidence, CWE: []int{79}, Checklist: []int{7}}}, SARIFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string         `json:"id"`
						HelpURI    string         `json:"helpUri"`
						Help       map[string]any `json:"help"`
						Properties struct {
							Tags []string `json:"tags"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				Level               string            `json:"level"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				CodeFlows           []struct {
					ThreadFlows []struct {
						Locations []any `json:"locations"`
					} `json:"threadFlows"`
				} `json:"codeFlows"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rule := run.Tool.Driver.Rules[0]
	res := run.Results[0]
	switch {
	case log.Version != "2.1.0":
		t.Errorf("version: got %s", log.Version)
	case rule.HelpURI == "" || rule.Help["text"] == nil:
		t.Errorf("rule has no help: %+v", rule)
	case !strings.Contains(strings.Join(rule.Properties.Tags, " "), "external/cwe/cwe-79"):
		t.Errorf("tags: got %v, want the CWE", rule.Properties.Tags)
	case res.Level != "warning" || res.PartialFingerprints["djsecFingerprint/v1"] != "abc":
		t.Errorf("result: got %+v", res)
	case len(res.CodeFlows) != 1 || len(res.CodeFlows[0].ThreadFlows[0].Locations) != 2:
		t.Errorf("codeFlows: got %+v, want the two flow steps", res.CodeFlows)
	}
}

func TestTextAndHTML(t *testing.T) {
	var text, page bytes.Buffer
	if err := WriteText(&text, sample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"t/a.html\n", "3:5", "DJT102", "from v.py:1:1 read here", "-> v.py:2:1 reaches sink", "fix: Remove |safe.", "(high confidence, CWE-79)", "Summary: 1 finding (1 medium) in 1 file\n", "\nChecklist sections:\n"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "\x1b[") {
		t.Error("text report has colours without a terminal")
	}
	if strings.Count(text.String(), "Checklist sections:") != 1 {
		t.Errorf("the checklist is not printed exactly once:\n%s", text.String())
	}
	// Quiet: the findings, and nothing else.
	var quiet bytes.Buffer
	if err := WriteText(&quiet, sample(), TextOptions{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if q := quiet.String(); !strings.Contains(q, "DJT102") || strings.Contains(q, "Summary") || strings.Contains(q, "Checklist") || strings.Contains(q, "Left to a person") {
		t.Errorf("quiet text report: got\n%s", q)
	}
	if err := WriteHTML(&page, sample(), nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "<script>alert") || !strings.Contains(page.String(), "&lt;script&gt;alert") {
		t.Error("HTML report does not escape finding messages")
	}
}

func TestLivePath(t *testing.T) {
	for in, want := range map[string]string{
		"https://shop.example.com/":                          "shop.example.com",
		"https://shop.example.com:8443/admin/login/?next=/x": "shop.example.com_8443/admin/login",
		"http://127.0.0.1:8000/.git/HEAD":                    "127.0.0.1_8000/.git/HEAD",
		"https://shop.example.com/../../etc/passwd":          "shop.example.com/etc/passwd",
		"redis://localhost:6379":                             "localhost_6379",
		"not a url":                                          "live/not a url",
	} {
		if got := livePath(in); got != want {
			t.Errorf("livePath(%q): got %q, want %q", in, got, want)
		}
	}
}
