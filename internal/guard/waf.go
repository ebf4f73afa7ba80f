package guard

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	coreruleset "github.com/corazawaf/coraza-coreruleset/v4"
	"github.com/corazawaf/coraza/v3"
	"github.com/corazawaf/coraza/v3/types"
)

// WAF is the [waf] table: Coraza with the OWASP Core Rule Set, opt-in,
// detecting only until Mode is "block".
type WAF struct {
	Enabled bool `toml:"enabled"`
	// Mode is "detect" (matches are events and metrics; nothing is
	// refused) or "block" (a request over the CRS anomaly threshold gets
	// 403).
	Mode string `toml:"mode"`
	// Paranoia is the CRS paranoia level, 1 to 4: higher catches more and
	// refuses more legitimate requests.
	Paranoia int `toml:"paranoia"`
	// Directives are more SecLang lines, added after the CRS.
	Directives []string `toml:"directives"`
}

// newWAF compiles the WAF for a config: the recommended Coraza settings,
// the CRS setup at the paranoia level, the CRS rules, then one rule per
// route exclusion (ctl:ruleRemoveById for the route's paths).
func newWAF(cfg *Config) (coraza.WAF, error) {
	w := cfg.WAF
	engine := "DetectionOnly"
	if w.Mode == "block" {
		engine = "On"
	}
	var b strings.Builder
	b.WriteString("Include @coraza.conf-recommended\n")
	fmt.Fprintf(&b, "SecRuleEngine %s\n", engine)
	// The guard refuses bodies over max_body itself; Coraza reads what it
	// inspects from the buffered body.
	fmt.Fprintf(&b, "SecRequestBodyLimit %d\nSecRequestBodyLimitAction ProcessPartial\n", max(int64(cfg.Default.MaxBody), 1<<20))
	b.WriteString("SecResponseBodyAccess Off\nSecAuditEngine Off\n")
	b.WriteString("Include @crs-setup.conf.example\n")
	fmt.Fprintf(&b, "SecAction \"id:900000,phase:1,pass,t:none,nolog,setvar:tx.blocking_paranoia_level=%d\"\n", w.Paranoia)
	b.WriteString("Include @owasp_crs/*.conf\n")
	id := 10000
	for _, rt := range append(slices.Clone(cfg.Routes), cfg.Default) {
		if len(rt.WAFExclude) == 0 && !rt.WAFOff {
			continue
		}
		var match string
		switch {
		case rt.Path != "":
			match = "@beginsWith " + rt.Path
		case rt.Pattern.Regexp != nil:
			match = "@rx " + rt.Pattern.String()
		default:
			match = "@unconditionalMatch"
		}
		ctl := "ctl:ruleEngine=Off"
		if !rt.WAFOff {
			var parts []string
			for _, r := range rt.WAFExclude {
				parts = append(parts, "ctl:ruleRemoveById="+r)
			}
			ctl = strings.Join(parts, ",")
		}
		fmt.Fprintf(&b, "SecRule REQUEST_FILENAME \"%s\" \"id:%d,phase:1,pass,nolog,%s\"\n", strings.ReplaceAll(match, `"`, `\"`), id, ctl)
		id++
	}
	for _, d := range w.Directives {
		b.WriteString(d + "\n")
	}
	return coraza.NewWAF(coraza.NewWAFConfig().WithRootFS(coreruleset.FS).WithDirectives(b.String()))
}

var wafExcludeRE = regexp.MustCompile(`^\d+(-\d+)?$`)

// wafResult is what the WAF said about one request.
type wafResult struct {
	block bool
	rules []types.MatchedRule
}

// inspect runs the request phases of the WAF over r (headers, and the
// buffered body when there is one; the body is rewound after).
func inspect(w coraza.WAF, r *http.Request, ri *reqInfo) (res wafResult) {
	tx := w.NewTransaction()
	defer func() {
		tx.ProcessLogging()
		_ = tx.Close()
	}()
	port := 0
	if ap := ri.client.addr; ap.IsValid() {
		tx.ProcessConnection(ap.String(), port, "", 0)
	}
	tx.ProcessURI(r.URL.RequestURI(), r.Method, r.Proto)
	for k, vs := range r.Header {
		for _, v := range vs {
			tx.AddRequestHeader(k, v)
		}
	}
	if r.Host != "" {
		tx.AddRequestHeader("Host", r.Host)
		tx.SetServerName(r.Host)
	}
	for _, te := range r.TransferEncoding {
		tx.AddRequestHeader("Transfer-Encoding", te)
	}
	// A buffered body goes to the application with a Content-Length; the
	// WAF judges that request.
	if r.ContentLength > 0 && r.Header.Get("Content-Length") == "" {
		tx.AddRequestHeader("Content-Length", strconv.FormatInt(r.ContentLength, 10))
	}
	it := tx.ProcessRequestHeaders()
	if it == nil && tx.IsRequestBodyAccessible() && r.Body != nil && r.Body != http.NoBody {
		if s, ok := r.Body.(io.ReadSeeker); ok {
			it, _, _ = tx.ReadRequestBodyFrom(s)
			_, _ = s.Seek(0, io.SeekStart)
			if it == nil {
				it, _ = tx.ProcessRequestBody()
			}
		}
	} else if it == nil {
		it, _ = tx.ProcessRequestBody()
	}
	for _, m := range tx.MatchedRules() {
		// 900000-901999 are the CRS's own setup ("Enabling body
		// inspection"), not findings.
		if id := m.Rule().ID(); m.Message() != "" && (id < 900000 || id > 901999) {
			res.rules = append(res.rules, m)
		}
	}
	res.block = it != nil && it.Action != "pass"
	return res
}

// wafSummary names the rules that matched, for an event.
func wafSummary(rules []types.MatchedRule) (string, []string) {
	var ids []string
	var msgs []string
	for _, m := range rules {
		id := strconv.Itoa(m.Rule().ID())
		ids = append(ids, id)
		if len(msgs) < 3 {
			msgs = append(msgs, id+" "+m.Message())
		}
	}
	return strings.Join(msgs, "; "), ids
}
