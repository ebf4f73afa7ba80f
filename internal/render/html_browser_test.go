package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/testenv"
)

// richReport has a finding of each severity in several areas, a data flow,
// a live finding, Markdown in a fix, grades, and every checklist status.
func richReport() (*report.Report, []report.RuleInfo) {
	f := func(rule, name string, sev report.Severity, path string, line int, fix string) report.Finding {
		return report.Finding{Rule: rule, Name: name, Severity: sev, Confidence: report.HighConfidence,
			Message: name + ` in <b onmouseover="alert(1)">` + path + "</b>", Location: report.Location{Path: path, Line: line, Column: 1},
			CWE: []int{79}, Checklist: []int{3, 7}, Fix: fix, Fingerprint: rule + path}
	}
	fs := []report.Finding{
		f("DJC101", "sql-injection", report.Critical, "shop/views.py", 30, "Use `cursor.execute(sql, params)`; see [the docs](https://docs.djangoproject.com/en/stable/topics/db/sql/)."),
		f("DJS101", "debug-enabled", report.High, "shop/settings.py", 2, "Set **DEBUG = False** in production: https://docs.djangoproject.com/en/stable/ref/settings/#debug."),
		f("DJT102", "autoescape-disabled-on-variable", report.Medium, "shop/templates/a.html", 3, "Remove `|safe`."),
		f("DJD102", "unpinned-requirement", report.Low, "requirements.txt", 4, "Pin it with `==`."),
		f("DJS213", "csp-missing", report.Info, "shop/settings.py", 9, "Add a CSP."),
	}
	fs[0].Flow = []report.Step{
		{Location: report.Location{Path: "shop/views.py", Line: 28, Column: 9}, Message: `request.GET.get("q") read here`},
		{Location: report.Location{Path: "shop/views.py", Line: 28, Column: 5}, Message: "assigned to q"},
		{Location: report.Location{Path: "shop/views.py", Line: 30, Column: 9}, Message: "reaches cursor.execute"},
	}
	live := f("DJL201", "http-not-redirected-to-https", report.High, "", 0, "Redirect to HTTPS.")
	live.Location = report.Location{URL: "http://shop.example.com/"}
	fs = append(fs, live)
	score := 40
	r := &report.Report{
		Schema: report.Schema, Tool: report.Tool{Name: "djsec", Version: "0.1.0"}, Target: "shop",
		Findings: fs,
		Notes:    []string{"settings: audited shop.settings"},
		Problems: []report.Problem{{Location: report.Location{Path: "broken.py", Line: 1}, Message: "cannot parse: invalid syntax"}},
		Grades:   []report.Grade{{Name: "headers", Grade: "D", Score: &score, Method: "MDN HTTP Observatory scoring", Reasons: []string{"-25 no CSP"}}, {Name: "tls", Grade: "A+", Method: "SSL Labs-style caps", Reasons: []string{"A+: no warnings"}}},
		Summary:  report.Summary{Files: 4, BySeverity: map[string]int{}, Checklist: map[string]report.Section{}},
	}
	for _, x := range fs {
		r.Summary.BySeverity[x.Severity.String()]++
	}
	statuses := []string{"checked", "partial", "not-run", "manual"}
	for i := 1; i <= 20; i++ {
		s := report.Section{Title: "Section " + string(rune('A'+i-1)), Status: statuses[i%4], Rules: i % 4}
		if s.Status == "partial" || s.Status == "manual" {
			s.Manual = []string{"someone checks section " + string(rune('A'+i-1))}
		}
		r.Summary.Checklist[strconv.Itoa(i)] = s
	}
	var rules []report.RuleInfo
	for _, x := range fs {
		rules = append(rules, report.RuleInfo{ID: x.Rule, Name: x.Name, Title: "Title of " + x.Rule, HelpURI: "https://github.com/djsec/djsec/blob/main/docs/rules/" + x.Rule + ".md"})
	}
	return r, rules
}

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testenv.Missing(t, "Chromium (the HTML report's browser test)", "apt-get install chromium")
	return ""
}

// chromiumStarts skips the test when the browser is installed but cannot
// start here (a container without the libraries or /dev/shm it needs): that
// is the machine's problem, not the report's.
func chromiumStarts(t *testing.T, bin string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "data:text/html,<p>ok</p>").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "<p>ok</p>") {
		testenv.Missing(t, "a Chromium that starts", fmt.Sprintf("%s failed (%v): %s", bin, err, lastLines(out, 2)))
	}
}

// browse runs headless Chromium on a page with a fresh profile and returns
// what it printed on stdout and its console messages (stderr lines with
// CONSOLE).
func browse(t *testing.T, bin string, args ...string) (stdout string, console []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--no-first-run", "--disable-extensions", "--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0", "--hide-scrollbars"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, lastLines(errb.Bytes(), 10))
	}
	for _, l := range strings.Split(errb.String(), "\n") {
		if strings.Contains(l, ":CONSOLE") {
			console = append(console, l)
		}
	}
	return out.String(), console
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// harness clicks through the filters and writes what stays visible into the
// page, for --dump-dom to read.
const harness = `(function () {
  var out = [];
  function shown() {
    return Array.prototype.filter.call(document.querySelectorAll("details.f"), function (f) { return !f.hidden; })
      .map(function (f) { return f.dataset.rule; }).join(",");
  }
  function change(el) { el.dispatchEvent(new Event("change", {bubbles: true})); }
  out.push("form-hidden=" + document.getElementById("filters").hidden);
  out.push("all=" + shown());
  var low = document.querySelector("input[name=sev][value=low]");
  var info = document.querySelector("input[name=sev][value=info]");
  low.click(); info.click();
  out.push("no-low-info=" + shown());
  out.push("output=" + document.getElementById("shown").value);
  low.click(); info.click();
  var area = document.querySelector("select[name=area]");
  area.value = "code"; change(area);
  out.push("area-code=" + shown());
  out.push("groups-shown=" + document.querySelectorAll("section.group:not([hidden])").length);
  area.value = ""; change(area);
  var rule = document.querySelector("select[name=rule]");
  rule.value = "DJS101"; change(rule);
  out.push("rule-DJS101=" + shown());
  rule.value = ""; change(rule);
  document.getElementById("collapse").click();
  out.push("open=" + document.querySelectorAll("details.f[open]").length);
  document.getElementById("expand").click();
  out.push("open-after-expand=" + document.querySelectorAll("details.f[open]").length);
  var pre = document.createElement("pre");
  pre.id = "harness";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
})();`

// TestHTMLInBrowser opens the report in headless Chromium: the page runs
// under its own strict CSP without a console message (a blocked script,
// style or load would log one), the filters hide and show what they should
// after clicks, and it renders at desktop and phone widths. Screenshots go
// to $DJSEC_SCREENSHOTS when set (to look at them), else to a temporary
// folder.
func TestHTMLInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin := chromium(t)
	chromiumStarts(t, bin)
	r, rules := richReport()
	var page bytes.Buffer
	if err := WriteHTML(&page, r, rules); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	src := page.String()
	for _, bad := range []string{"<link", "<img", " src=", "<iframe", "@import", "url("} {
		if strings.Contains(src, bad) {
			t.Errorf("the page holds %q: it must load nothing", bad)
		}
	}

	t.Run("console", func(t *testing.T) {
		dom, console := browse(t, bin, "--dump-dom", "file://"+file)
		if len(console) > 0 {
			t.Errorf("console messages (CSP violations or script errors):\n%s", strings.Join(console, "\n"))
		}
		if !strings.Contains(dom, `<output id="shown">6 of 6 shown</output>`) {
			t.Errorf("the filter script did not run: no \"6 of 6 shown\" in the DOM")
		}
		// The check itself: a script the policy does not allow is refused,
		// and the refusal is seen.
		broken := filepath.Join(dir, "broken.html")
		os.WriteFile(broken, []byte(strings.Replace(src, "</body>", "<script>document.title='x'</script></body>", 1)), 0o644)
		if _, console := browse(t, bin, "--dump-dom", "file://"+broken); len(console) == 0 {
			t.Errorf("an inline script outside the policy ran or was refused silently: the console check proves nothing")
		}
	})

	t.Run("filters", func(t *testing.T) {
		sum := sha256.Sum256([]byte(harness))
		hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		withHarness := strings.Replace(src, "script-src ", "script-src "+hash+" ", 1)
		withHarness = strings.Replace(withHarness, "</body>", "<script>"+harness+"</script></body>", 1)
		hf := filepath.Join(dir, "harness.html")
		os.WriteFile(hf, []byte(withHarness), 0o644)
		dom, console := browse(t, bin, "--dump-dom", "file://"+hf)
		if len(console) > 0 {
			t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
		}
		m := regexp.MustCompile(`(?s)<pre id="harness">(.*?)</pre>`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("the harness did not run; DOM ends with %s", dom[max(0, len(dom)-500):])
		}
		got := map[string]string{}
		for _, l := range strings.Split(html.UnescapeString(m[1]), "\n") {
			k, v, _ := strings.Cut(l, "=")
			got[k] = v
		}
		want := map[string]string{
			"form-hidden":       "false",
			"all":               "DJC101,DJS101,DJT102,DJD102,DJS213,DJL201",
			"no-low-info":       "DJC101,DJS101,DJT102,DJL201",
			"output":            "4 of 6 shown",
			"area-code":         "DJC101",
			"groups-shown":      "1",
			"rule-DJS101":       "DJS101",
			"open":              "0",
			"open-after-expand": "6",
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: got %q, want %q", k, got[k], w)
			}
		}
	})

	t.Run("screenshots", func(t *testing.T) {
		out := os.Getenv("DJSEC_SCREENSHOTS")
		if out == "" {
			out = t.TempDir()
		} else if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, shot := range []struct {
			name          string
			width, height int
		}{{"desktop", 1400, 2400}, {"phone", 390, 2400}} {
			png := filepath.Join(out, "report-"+shot.name+".png")
			_, console := browse(t, bin, "--screenshot="+png, "--window-size="+strconv.Itoa(shot.width)+","+strconv.Itoa(shot.height), "file://"+file)
			if len(console) > 0 {
				t.Errorf("%s: console messages:\n%s", shot.name, strings.Join(console, "\n"))
			}
			checkScreenshot(t, png, shot.width, shot.height)
		}
	})
}

// checkScreenshot wants a PNG of the window's size that is not one flat
// colour (a page that failed to render).
func checkScreenshot(t *testing.T, file string, w, h int) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: %dx%d, want %dx%d", file, b.Dx(), b.Dy(), w, h)
	}
	colours := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	if len(colours) < 20 {
		t.Errorf("%s has %d colours: the page did not render", file, len(colours))
	}
	// The severity colours of the overview's chart are on the first screen.
	for _, c := range [][3]uint32{{0x7b, 0x1f, 0xa2}, {0xc6, 0x28, 0x28}} {
		if !colours[c] {
			t.Errorf("%s lacks the severity colour %x on the first screen", file, c)
		}
	}
	t.Logf("screenshot %s (%dx%d)", file, b.Dx(), b.Dy())
}
