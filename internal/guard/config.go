package guard

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is guard.toml. Load fills the defaults first, so a key left out
// keeps its default and a key set to "" or [] turns the control off.
type Config struct {
	// Listen is the address the guard serves on (":8080", "127.0.0.1:8443").
	Listen string `toml:"listen"`
	// Upstream is the application: "http://127.0.0.1:8000" or
	// "unix:/run/gunicorn.sock".
	Upstream string `toml:"upstream"`
	// StateDir keeps the bans across restarts ("" keeps them in memory).
	StateDir string `toml:"state_dir"`
	// Hosts are the host names served, in ALLOWED_HOSTS' syntax
	// ("example.org", ".example.org" for it and its subdomains, "*"); a
	// request for another Host is refused before the application sees
	// it. Empty serves every host.
	Hosts []string `toml:"hosts"`
	// TrustedProxies are the load balancers in front of the guard whose
	// X-Forwarded-For and X-Forwarded-Proto are believed.
	TrustedProxies []Prefix `toml:"trusted_proxies"`
	// MaxClients bounds the rate-limit table (entries of address × route).
	MaxClients int `toml:"max_clients"`
	// FastPath serves plain HTTP/1.1 requests on the guard's own HTTP/1.1
	// path (h1.go) rather than net/http's; false turns it off (a restart
	// applies it).
	FastPath bool `toml:"fast_path"`
	// Redis shares limits and bans between replicas ("redis://host:6379/0").
	Redis string `toml:"redis"`
	// RedisFailure is what happens while Redis is unreachable: "local"
	// (limits and bans kept by each replica), "open" (no limits) or
	// "closed" (503 for every request).
	RedisFailure string `toml:"redis_failure"`

	TLS      TLSConfig `toml:"tls"`
	Timeouts Timeouts  `toml:"timeouts"`
	Default  Route     `toml:"default"`
	Routes   []Route   `toml:"route"`
	Bans     Bans      `toml:"bans"`
	Headers  Headers   `toml:"headers"`
	Block    Block     `toml:"block"`
	Metrics  Metrics   `toml:"metrics"`
	Events   Events    `toml:"events"`
	Alerts   Alerts    `toml:"alerts"`
	WAF      WAF       `toml:"waf"`

	// Path is the file the config was read from, for messages.
	Path string `toml:"-"`
	// lines locates tables and keys for messages about values that are
	// only wrong together.
	src []byte
}

// TLSConfig terminates TLS from certificate files.
type TLSConfig struct {
	Cert string `toml:"cert"`
	Key  string `toml:"key"`
	// RedirectHTTP also listens on this address and redirects to https
	// (and answers ACME's HTTP-01 challenges there).
	RedirectHTTP string `toml:"redirect_http"`
	// ACME obtains and renews certificates for these host names from an
	// ACME CA (Let's Encrypt by default) instead of cert and key.
	ACME []string `toml:"acme"`
	// ACMEEmail is the account's contact address; ACMEDirectory another
	// CA's directory URL; ACMECache where the certificates are kept
	// (default: state_dir/acme).
	ACMEEmail     string `toml:"acme_email"`
	ACMEDirectory string `toml:"acme_directory"`
	ACMECache     string `toml:"acme_cache"`
}

// Enabled reports whether the guard serves TLS.
func (t *TLSConfig) Enabled() bool { return t.Cert != "" || len(t.ACME) > 0 }

// Timeouts resist slow clients (nginx's client_header_timeout,
// client_body_timeout and send_timeout) and slow upstreams.
type Timeouts struct {
	Header   Duration `toml:"header"`
	Body     Duration `toml:"body"`
	Send     Duration `toml:"send"`
	Idle     Duration `toml:"idle"`
	Upstream Duration `toml:"upstream"`
	// MaxHeaderBytes bounds the request line and headers.
	MaxHeaderBytes Size `toml:"max_header_bytes"`
}

// Route is a set of requests (a path prefix or pattern, and methods) and
// the controls applied to them. The first route that matches a request
// wins; requests no route matches get [default].
type Route struct {
	Name    string   `toml:"name"`
	Path    string   `toml:"path"`
	Pattern Pattern  `toml:"pattern"`
	Methods []string `toml:"methods"`

	// Rate, Burst, NoDelay and Delay have nginx limit_req's meaning, per
	// client address.
	Rate    Rate `toml:"rate"`
	Burst   int  `toml:"burst"`
	NoDelay bool `toml:"nodelay"`
	Delay   int  `toml:"delay"`

	// MaxBody bounds the request body (0: [default]'s; "unlimited" is not
	// offered on purpose).
	MaxBody Size `toml:"max_body"`
	// Stream passes the request body to the application as it arrives
	// instead of reading it whole first (for uploads the application
	// handles chunk by chunk; gunicorn's sync workers want buffering).
	Stream bool `toml:"stream"`
	// AllowMethods answers 405 to any other method.
	AllowMethods []string `toml:"allow_methods"`
	// Allow answers 403 to clients outside these ranges (an admin
	// allowlist).
	Allow []Prefix `toml:"allow"`

	// Login marks a login form or endpoint: a POST answered with one of
	// FailureStatus, or redirected to a FailureRedirect prefix, is a
	// failed login that counts toward a ban.
	Login           bool     `toml:"login"`
	FailureStatus   []int    `toml:"failure_status"`
	FailureRedirect []string `toml:"failure_redirect"`

	// WAFExclude removes Core Rule Set rules ("942100", "932000-932999")
	// for this route's requests; WAFOff skips the WAF for them.
	WAFExclude []string `toml:"waf_exclude"`
	WAFOff     bool     `toml:"waf_off"`

	id uint32
}

// Bans are fail2ban's: MaxRetry failures within FindTime ban the address
// for BanTime, multiplied by Factor for each earlier ban, up to MaxBanTime.
type Bans struct {
	FindTime   Duration `toml:"findtime"`
	MaxRetry   int      `toml:"maxretry"`
	BanTime    Duration `toml:"bantime"`
	Factor     float64  `toml:"factor"`
	MaxBanTime Duration `toml:"max_bantime"`
	// Ignore lists addresses never banned (monitoring, the office).
	Ignore []Prefix `toml:"ignore"`
	// BlockedPaths counts requests for never-served paths as failures
	// (scanners looking for .env and .git are banned too).
	BlockedPaths bool `toml:"blocked_paths"`
}

// Headers are added to responses that lack them (or always, with Force).
// An empty value leaves that header alone.
type Headers struct {
	HSTS               string   `toml:"hsts"`
	CSP                string   `toml:"csp"`
	CSPReportOnly      bool     `toml:"csp_report_only"`
	FrameOptions       string   `toml:"frame_options"`
	ContentTypeOptions string   `toml:"content_type_options"`
	ReferrerPolicy     string   `toml:"referrer_policy"`
	CrossOriginOpener  string   `toml:"cross_origin_opener_policy"`
	PermissionsPolicy  string   `toml:"permissions_policy"`
	Force              bool     `toml:"force"`
	Strip              []string `toml:"strip"`
	HSTSOverPlainHTTP  bool     `toml:"hsts_over_plain_http"`
}

// Block lists paths never passed to the application. Each entry is a glob
// matched against every segment of the cleaned path ("*.sql", ".git").
type Block struct {
	Paths []string `toml:"paths"`
	Extra []string `toml:"extra"`
}

// Metrics serves Prometheus metrics, and the ban list, on a separate,
// private listener.
type Metrics struct {
	Listen string `toml:"listen"`
	// TokenFile or TokenEnv name where the admin listener's bearer token
	// is (a file, relative to the config, or an environment variable):
	// with one, every request to it must carry "Authorization: Bearer
	// TOKEN" (Prometheus: authorization.credentials_file). Re-read on
	// SIGHUP.
	TokenFile string `toml:"token_file"`
	TokenEnv  string `toml:"token_env"`
}

// AdminToken is the admin listener's bearer token, "" when none is
// configured.
func (c *Config) AdminToken() (string, error) {
	var tok, from string
	switch {
	case c.Metrics.TokenFile != "":
		from = c.Metrics.TokenFile
		data, err := os.ReadFile(c.rel(from))
		if err != nil {
			return "", fmt.Errorf("reading the admin token: %w", err)
		}
		tok = strings.TrimSpace(string(data))
	case c.Metrics.TokenEnv != "":
		from = "$" + c.Metrics.TokenEnv
		tok = strings.TrimSpace(os.Getenv(c.Metrics.TokenEnv))
	default:
		return "", nil
	}
	if len(tok) < 16 || strings.ContainsAny(tok, " \t\r\n") {
		return "", fmt.Errorf("the admin token in %s is empty, shorter than 16 characters or has blanks inside", from)
	}
	return tok, nil
}

// Events are the JSON security events: "" or "stderr", a file, or "off".
type Events struct {
	Output string `toml:"output"`
}

// Alerts are posted to Alertmanager's v2 API.
type Alerts struct {
	Alertmanager string            `toml:"alertmanager"`
	Labels       map[string]string `toml:"labels"`
	// UpstreamDown and Bans choose what is alerted on.
	UpstreamDown bool `toml:"upstream_down"`
	Bans         bool `toml:"bans"`
}

// DefaultBlockedPaths are never served: secrets, repositories, databases
// and backups that a deploy can leave in a served directory.
var DefaultBlockedPaths = []string{
	".env", ".env.*", "*.env", ".git", ".svn", ".hg", ".bzr", ".DS_Store", ".htpasswd", ".htaccess",
	".aws", ".ssh", ".idea", ".vscode", "__pycache__", "*.pyc",
	"*.sqlite3", "*.sqlite", "db.sqlite3*", "*.sql", "*.sql.gz", "*.dump",
	"*.bak", "*.backup", "*.old", "*.orig", "*.save", "*.swp", "*~",
	"local_settings.py", "settings.py", "wp-config.php",
}

// Defaults returns the configuration a guard.toml starts from.
func Defaults() *Config {
	return &Config{
		Listen:       ":8080",
		Upstream:     "http://127.0.0.1:8000",
		MaxClients:   1 << 20,
		FastPath:     true,
		RedisFailure: "local",
		Timeouts: Timeouts{
			Header:         Duration(10 * time.Second),
			Body:           Duration(30 * time.Second),
			Send:           Duration(30 * time.Second),
			Idle:           Duration(120 * time.Second),
			Upstream:       Duration(60 * time.Second),
			MaxHeaderBytes: 32 << 10,
		},
		Default: Route{Name: "default", MaxBody: 10 << 20},
		Bans: Bans{
			FindTime:   Duration(10 * time.Minute),
			MaxRetry:   5,
			BanTime:    Duration(10 * time.Minute),
			Factor:     2,
			MaxBanTime: Duration(7 * 24 * time.Hour),
		},
		Headers: Headers{
			HSTS:               "max-age=31536000; includeSubDomains",
			CSP:                "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
			FrameOptions:       "DENY",
			ContentTypeOptions: "nosniff",
			ReferrerPolicy:     "same-origin",
			CrossOriginOpener:  "same-origin",
			PermissionsPolicy:  "camera=(), microphone=(), geolocation=(), payment=()",
			Strip:              []string{"Server", "X-Powered-By"},
		},
		Block:   Block{Paths: slices.Clone(DefaultBlockedPaths)},
		Metrics: Metrics{},
		Alerts:  Alerts{UpstreamDown: true, Bans: true},
		WAF:     WAF{Mode: "detect", Paranoia: 1},
	}
}

// ConfigError is a mistake in a config file, at a line.
type ConfigError struct {
	Path string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// LoadConfig reads and checks a guard.toml. Every error is one line that
// starts with file:line.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading guard config: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig is LoadConfig on bytes already read.
func ParseConfig(path string, data []byte) (*Config, error) {
	c := Defaults()
	c.Path, c.src = path, data
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
				msg = fmt.Sprintf("%s: %s", pe.LastKey, msg)
			}
			return nil, &ConfigError{path, pe.Position.Line, msg}
		}
		return nil, &ConfigError{path, 0, strings.TrimPrefix(err.Error(), "toml: ")}
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, c.errAt(c.keyLine(k[len(k)-1], 0), "unknown key %q", k.String())
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) errAt(line int, format string, args ...any) error {
	return &ConfigError{c.Path, line, fmt.Sprintf(format, args...)}
}

// keyLine is the line of the first `key =` at or after line from, so
// messages about values that are wrong only together can point somewhere.
func (c *Config) keyLine(key string, from int) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, l := range bytes.Split(c.src, []byte("\n")) {
		if i+1 >= from && re.Match(l) {
			return i + 1
		}
	}
	return 0
}

// tableLine is the line of the n-th (0-based) header [name] or [[name]].
func (c *Config) tableLine(name string, n int) int {
	re := regexp.MustCompile(`^\s*\[\[?\s*` + regexp.QuoteMeta(name) + `\s*\]\]?`)
	for i, l := range bytes.Split(c.src, []byte("\n")) {
		if re.Match(l) {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}

func (c *Config) check() error {
	if c.Metrics.TokenFile != "" && c.Metrics.TokenEnv != "" {
		return c.errAt(c.keyLine("token_env", c.tableLine("metrics", 0)), "[metrics] takes token_file or token_env, not both")
	}
	if c.Listen == "" {
		return c.errAt(c.keyLine("listen", 0), "listen is empty (write listen = \":8080\")")
	}
	if _, err := parseUpstream(c.Upstream); err != nil {
		return c.errAt(c.keyLine("upstream", 0), "%v", err)
	}
	if (c.TLS.Cert == "") != (c.TLS.Key == "") {
		return c.errAt(c.tableLine("tls", 0), "[tls] needs both cert and key")
	}
	if len(c.TLS.ACME) > 0 {
		if c.TLS.Cert != "" {
			return c.errAt(c.keyLine("acme", 0), "[tls] has both acme and cert/key; keep one")
		}
		if c.TLS.ACMECache == "" && c.StateDir == "" {
			return c.errAt(c.keyLine("acme", 0), "acme needs state_dir or acme_cache, to keep certificates across restarts (CAs limit how often they issue)")
		}
		for _, h := range c.TLS.ACME {
			if h == "" || strings.ContainsAny(h, "/:* ") {
				return c.errAt(c.keyLine("acme", 0), "acme: %q is not a host name", h)
			}
		}
	}
	for _, f := range []string{c.TLS.Cert, c.TLS.Key} {
		if f == "" {
			continue
		}
		if _, err := os.Stat(c.rel(f)); err != nil {
			return c.errAt(c.keyLine(map[bool]string{true: "cert", false: "key"}[f == c.TLS.Cert], 0), "cannot read %s: %v", f, errors.Unwrap(err))
		}
	}
	switch c.RedisFailure {
	case "local", "open", "closed":
	default:
		return c.errAt(c.keyLine("redis_failure", 0), "redis_failure is %q; write local, open or closed", c.RedisFailure)
	}
	if c.Redis != "" {
		if u, err := url.Parse(c.Redis); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "unix") {
			return c.errAt(c.keyLine("redis", 0), "redis is %q; write redis://host:6379/0", c.Redis)
		}
	}
	if c.MaxClients < 1024 {
		c.MaxClients = 1024
	}
	if c.Bans.MaxRetry < 1 {
		return c.errAt(c.keyLine("maxretry", 0), "maxretry must be at least 1")
	}
	if c.Bans.Factor < 1 {
		return c.errAt(c.keyLine("factor", 0), "factor must be at least 1 (1 keeps ban times constant)")
	}
	if c.WAF.Mode != "detect" && c.WAF.Mode != "block" {
		return c.errAt(c.keyLine("mode", c.tableLine("waf", 0)), "[waf] mode is %q; write detect or block", c.WAF.Mode)
	}
	if c.WAF.Paranoia < 1 || c.WAF.Paranoia > 4 {
		return c.errAt(c.keyLine("paranoia", c.tableLine("waf", 0)), "[waf] paranoia is %d; the Core Rule Set has levels 1 to 4", c.WAF.Paranoia)
	}
	c.Default.Name = "default"
	c.Default.Path, c.Default.Pattern = "", Pattern{}
	if c.Default.Login || len(c.Default.Methods) > 0 {
		return c.errAt(c.tableLine("default", 0), "[default] applies to every request: login and methods belong to a [[route]]")
	}
	if err := c.checkRoute(&c.Default, c.tableLine("default", 0)); err != nil {
		return err
	}
	names := map[string]bool{"default": true}
	for i := range c.Routes {
		r := &c.Routes[i]
		line := c.tableLine("route", i)
		if r.Path == "" && r.Pattern.Regexp == nil {
			return c.errAt(line, "route %d has neither path nor pattern", i+1)
		}
		if r.Path != "" && r.Pattern.Regexp != nil {
			return c.errAt(line, "route %d has both path and pattern; keep one", i+1)
		}
		if r.Path != "" && !strings.HasPrefix(r.Path, "/") {
			return c.errAt(c.keyLine("path", line), "route path %q must start with /", r.Path)
		}
		if r.Name == "" {
			r.Name = r.Path
			if r.Name == "" {
				r.Name = r.Pattern.String()
			}
		}
		if names[r.Name] {
			return c.errAt(line, "two routes are named %q; names key the limits and metrics", r.Name)
		}
		names[r.Name] = true
		if r.MaxBody == 0 {
			r.MaxBody = c.Default.MaxBody
		}
		if err := c.checkRoute(r, line); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) checkRoute(r *Route, line int) error {
	for _, ms := range [][]string{r.Methods, r.AllowMethods} {
		for i, m := range ms {
			m = strings.ToUpper(strings.TrimSpace(m))
			if m == "" || strings.ContainsAny(m, " \t/") {
				return c.errAt(line, "route %q: bad method %q", r.Name, ms[i])
			}
			ms[i] = m
		}
	}
	if r.Burst < 0 || r.Delay < 0 {
		return c.errAt(line, "route %q: burst and delay cannot be negative", r.Name)
	}
	if (r.Burst > 0 || r.NoDelay || r.Delay > 0) && r.Rate.Per == 0 {
		return c.errAt(line, "route %q: burst, delay and nodelay need a rate (rate = \"10r/s\")", r.Name)
	}
	if r.NoDelay && r.Delay > 0 {
		return c.errAt(line, "route %q: nodelay and delay exclude each other", r.Name)
	}
	if r.Delay > r.Burst {
		return c.errAt(line, "route %q: delay (%d) is larger than burst (%d)", r.Name, r.Delay, r.Burst)
	}
	if r.Login && len(r.FailureStatus) == 0 {
		// Django's LoginView answers a failed POST with the form again
		// (200); DRF and JSON endpoints answer 400 or 401.
		r.FailureStatus = []int{http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden}
	}
	for _, x := range r.WAFExclude {
		if !wafExcludeRE.MatchString(x) {
			return c.errAt(line, "route %q: waf_exclude %q is not a rule id or a range (942100, 932000-932999)", r.Name, x)
		}
	}
	for _, s := range r.FailureStatus {
		if s < 100 || s > 599 {
			return c.errAt(line, "route %q: failure_status %d is not an HTTP status", r.Name, s)
		}
	}
	return nil
}

// rel resolves a path in the config relative to the config's directory.
func (c *Config) rel(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.Path), p)
}

type upstream struct {
	url    *url.URL
	socket string
}

func parseUpstream(s string) (upstream, error) {
	if rest, ok := strings.CutPrefix(s, "unix:"); ok {
		if rest == "" {
			return upstream{}, fmt.Errorf("upstream %q names no socket (write unix:/run/gunicorn.sock)", s)
		}
		return upstream{url: &url.URL{Scheme: "http", Host: "unix"}, socket: rest}, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return upstream{}, fmt.Errorf("upstream is %q; write http://127.0.0.1:8000 or unix:/run/gunicorn.sock", s)
	}
	return upstream{url: u}, nil
}
