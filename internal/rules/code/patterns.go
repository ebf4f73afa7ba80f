package code

import (
	"path"
	"sort"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// inTests reports whether a module is test code, which the pattern rules
// leave alone: fixtures hold fake passwords and asserts by design.
func inTests(m *taint.Module) bool {
	// Every code rule asks this of every module: the path is read in
	// place rather than copied behind a "/".
	p := m.File.Path
	base := p[strings.LastIndexByte(p, '/')+1:]
	return strings.HasPrefix(p, "tests/") || strings.HasPrefix(p, "test/") ||
		strings.Contains(p, "/tests/") || strings.Contains(p, "/test/") || strings.HasPrefix(base, "test_") ||
		strings.HasSuffix(base, "_test.py") || base == "tests.py" || base == "conftest.py"
}

// appModules returns the modules of prog that are not test code, listed
// once per scan for the dozen rules that go through them.
func appModules(pass *analysis.Pass, prog *taint.Program) []*taint.Module {
	return pass.Project.Memo("rules/code.appModules", func() any {
		var out []*taint.Module
		for _, m := range prog.Modules {
			if !inTests(m) && !sphinxConf(m) {
				out = append(out, m)
			}
		}
		return out
	}).([]*taint.Module)
}

// sphinxConf reports a Sphinx configuration (docs/conf.py): a conf.py
// that sets extensions and one of Sphinx's own names at its top level. It
// runs when the documentation is built, where a settings.configure(...)
// only lets autodoc import the apps; the site never imports it.
func sphinxConf(m *taint.Module) bool {
	if path.Base(m.File.Path) != "conf.py" {
		return false
	}
	extensions, sphinx := false, false
	for _, st := range m.Tree().Body {
		a, ok := st.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		switch n, _ := a.Targets[0].(*python.Name); {
		case n == nil:
		case n.ID == "extensions":
			extensions = true
		case n.ID == "html_theme" || n.ID == "master_doc" || n.ID == "root_doc" || n.ID == "source_suffix" || n.ID == "templates_path":
			sphinx = true
		}
	}
	return extensions && sphinx
}

// isSettings reports whether a module is a settings module by its path.
func isSettings(m *taint.Module) bool {
	p := m.File.Path
	return strings.Contains(p, "/settings/") || strings.HasPrefix(p, "settings/") ||
		strings.HasSuffix(p, "settings.py") || strings.Contains(p, "/settings_")
}

func kw(c *python.Call, name string) python.Expr {
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k.Value
		}
	}
	return nil
}

func constBool(e python.Expr) (bool, bool) {
	c, ok := e.(*python.Constant)
	if !ok {
		return false, false
	}
	b, ok := c.Value.(bool)
	return b, ok
}

func constStr(e python.Expr) (string, bool) {
	c, ok := e.(*python.Constant)
	if !ok {
		return "", false
	}
	s, ok := c.Value.(string)
	return s, ok
}

func lastName(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

// callee returns the name of the function or method c calls: the
// attribute of a method call (also on a computed object, as in
// filter(...).first()), or the last part of a function's qualified name.
func callee(m *taint.Module, c *python.Call) string {
	if a, ok := c.Func.(*python.Attribute); ok {
		return a.Attr
	}
	return lastName(m.QualName(c.Func))
}

// decorators returns the qualified names of a definition's decorators
// (the called function for decorator calls).
func decorators(m *taint.Module, list []python.Expr) []string {
	var out []string
	for _, d := range list {
		if c, ok := d.(*python.Call); ok {
			q := m.QualName(c.Func)
			out = append(out, q)
			if lastName(q) == "method_decorator" && len(c.Args) > 0 {
				out = append(out, m.QualName(c.Args[0]))
				if l, ok := c.Args[0].(*python.List); ok {
					for _, e := range l.Elts {
						out = append(out, m.QualName(e))
					}
				}
			}
			continue
		}
		out = append(out, m.QualName(d))
	}
	return out
}

func hasName(names []string, want ...string) bool {
	for _, n := range names {
		for _, w := range want {
			if lastName(n) == w {
				return true
			}
		}
	}
	return false
}

// metaAssign returns the value assigned to name in a class's inner Meta.
func metaAssign(cls *python.ClassDef, name string) (python.Expr, *python.Assign) {
	for _, s := range cls.Body {
		meta, ok := s.(*python.ClassDef)
		if !ok || meta.Name != "Meta" {
			continue
		}
		for _, ms := range meta.Body {
			if a, ok := ms.(*python.Assign); ok {
				for _, t := range a.Targets {
					if n, ok := t.(*python.Name); ok && n.ID == name {
						return a.Value, a
					}
				}
			}
		}
	}
	return nil, nil
}

// metaStrings returns the string literals of a list or tuple that a
// class's Meta assigns to name (fields, exclude, read_only_fields).
func metaStrings(cls *python.ClassDef, name string) []string {
	v, _ := metaAssign(cls, name)
	return constStrings(v)
}

// constStrings returns the string literals of a tuple, list or set
// display; nil for anything else.
func constStrings(v python.Expr) []string {
	var out []string
	for _, e := range python.SeqElts(v) {
		if s, ok := constStr(e); ok {
			out = append(out, s)
		}
	}
	return out
}

// writes reports whether a function body changes data: ORM writes, file
// writes, or handling of POSTed data.
var writeMethods = map[string]bool{"save": true, "delete": true, "create": true, "update": true, "bulk_create": true,
	"bulk_update": true, "get_or_create": true, "update_or_create": true, "set_password": true, "add": true, "remove": true}

func changesData(body []python.Stmt) (python.Node, bool) {
	var found python.Node
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if found != nil {
				return false
			}
			if c, ok := n.(*python.Call); ok {
				if a, ok := c.Func.(*python.Attribute); ok && writeMethods[a.Attr] {
					found = c
					return false
				}
			}
			return true
		})
	}
	return found, found != nil
}

// words splits an identifier, dotted name or source text into lower-case
// words: "resetToken", "reset_token" and "RESET-TOKEN" are reset, token.
func words(text string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// a lower-case letter followed by an upper-case one starts a word
			if unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

var (
	// secretWords say on their own that a value protects something.
	secretWords = set("password", "passwd", "pwd", "passphrase", "secret", "token", "otp", "totp", "hotp", "nonce",
		"pin", "session", "sessionid", "sid", "signature", "hmac", "csrf", "csrftoken", "jwt", "apikey", "authtoken",
		"secretkey", "accesskey", "privatekey", "sessionkey", "salt", "credential", "credentials", "passcode")
	// secretPairs protect something when the first word comes right before
	// the second: api_key, reset_code, verification_link.
	secretPairs = map[string]map[string]bool{
		"api":          set("key"),
		"access":       set("key", "code"),
		"private":      set("key"),
		"secret":       set("key"),
		"signing":      set("key"),
		"reset":        set("code", "key", "link", "url", "hash"),
		"verification": set("code", "key", "link", "url", "hash"),
		"verify":       set("code", "key", "link", "url", "hash"),
		"confirmation": set("code", "key", "link", "url", "hash"),
		"activation":   set("code", "key", "link", "url", "hash"),
		"invite":       set("code", "key", "link", "url", "hash"),
		"invitation":   set("code", "key", "link", "url", "hash"),
		"auth":         set("code", "key"),
		"login":        set("code", "key", "link", "url", "hash"),
		"magic":        set("link", "url", "key"),
		"unlock":       set("code", "key"),
		"recovery":     set("code", "key"),
		"backup":       set("code", "codes"),
		"one":          set("time"),
	}
	// harmlessWords name uses where a digest or random value protects
	// nothing: cache keys, ETags, bucket and file names, colours.
	harmlessWords = set("cache", "cached", "etag", "bucket", "checksum", "fingerprint", "boundary", "filename",
		"avatar", "gravatar", "color", "colour", "dedup", "dedupe", "shard", "partition", "prefix", "slug", "jitter",
		"shuffle", "sample", "lock", "throttle", "ratelimit", "hue", "placeholder",
		// what a visit records of the browser: session.user_agent
		"agent", "useragent")
)

func set(ws ...string) map[string]bool {
	out := make(map[string]bool, len(ws))
	for _, w := range ws {
		out[w] = true
	}
	return out
}

// protects reports whether a name says its value protects something: a
// password, token, signature, session, reset link, OTP or key.
func protects(text string) bool {
	ws := words(text)
	for i, w := range ws {
		if secretWords[w] {
			return true
		}
		if i+1 < len(ws) && secretPairs[w][ws[i+1]] {
			return true
		}
	}
	return false
}

// identifierName reports a name for an identifier (doi_batch_id,
// request_uid): the value names something, which must be unique, not
// secret.
func identifierName(text string) bool {
	ws := words(text)
	if len(ws) == 0 || protects(text) {
		return false
	}
	switch ws[len(ws)-1] {
	case "id", "uid", "identifier":
		return true
	}
	return false
}

// onlyHashedIntoIdentifiers reports whether every use of the local name
// in fn, but its own updates (salt = salt + ..., salt = salt.encode()),
// is in a statement that assigns a digest to an identifier (doi_batch_id =
// hashlib.sha1(salt + title).hexdigest()), and one such is there: a salt
// that makes identifiers unique protects nothing.
func onlyHashedIntoIdentifiers(fn *python.FunctionDef, name string) bool {
	if fn == nil || name == "" {
		return false
	}
	hashed, other := false, false
	python.EachStmt(fn.Body, func(st python.Stmt) {
		uses := false
		inspectStmt(st, func(n python.Node) {
			if nm, ok := n.(*python.Name); ok && nm.ID == name {
				uses = true
			}
		})
		if !uses {
			return
		}
		a, ok := st.(*python.Assign)
		switch {
		case !ok || len(a.Targets) != 1:
			other = true
		case isLocal(a.Targets[0], name):
			// salt = salt + ...: its own update
		case identifierName(exprName(a.Targets[0])) && callsHashlib(a.Value):
			hashed = true
		default:
			other = true
		}
	})
	return hashed && !other
}

// inspectStmt calls fn for the nodes of a statement, but not those of the
// statements nested in it, which EachStmt visits on their own.
func inspectStmt(st python.Stmt, fn func(python.Node)) {
	python.Inspect(st, func(n python.Node) bool {
		if s, ok := n.(python.Stmt); ok && s != st {
			return false
		}
		fn(n)
		return true
	})
}

// isLocal reports a name e that is id.
func isLocal(e python.Expr, id string) bool {
	n, ok := e.(*python.Name)
	return ok && n.ID == id
}

// exprName is the dotted name e spells (hashlib.sha1, self.doi_batch_id),
// "" for another expression.
func exprName(e python.Expr) string {
	s, _ := python.DottedName(e)
	return s
}

// callsHashlib reports an expression holding a call of hashlib's.
func callsHashlib(e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && strings.HasPrefix(exprName(c.Func), "hashlib.") {
			found = true
		}
		return !found
	})
	return found
}

// harmless reports whether a name says its value serves a use that
// protects nothing (a cache key, an ETag, a bucket name).
func harmless(text string) bool {
	for _, w := range words(text) {
		if harmlessWords[w] {
			return true
		}
	}
	return false
}

// routedViews returns the project's views (not a library's) with the
// routes that reach each, in name order; keep, when set, chooses the
// routes.
func routedViews(model *access.Model, keep func(*access.Route) bool) ([]*access.View, map[*access.View][]*access.Route) {
	byView := map[*access.View][]*access.Route{}
	var views []*access.View
	for _, r := range model.Routes {
		if r.View.Library || keep != nil && !keep(r) {
			continue
		}
		if byView[r.View] == nil {
			views = append(views, r.View)
		}
		byView[r.View] = append(byView[r.View], r)
	}
	sort.Slice(views, func(i, j int) bool { return views[i].QName < views[j].QName })
	return views, byView
}

// memoized returns f answering each argument once: what a rule asks of a
// function at each of its calls is worked out for the function once.
func memoized[K comparable, V any](f func(K) V) func(K) V {
	seen := map[K]V{}
	return func(k K) V {
		v, ok := seen[k]
		if !ok {
			v = f(k)
			seen[k] = v
		}
		return v
	}
}

// allowListSub returns a test of re.sub(r"[^0-9a-zA-Z-]+", "", name): a
// pattern that replaces every character outside a set of letters, digits,
// "-" and "_" with text holding none of bad leaves none of them in its
// result, so no way out of a folder (a dot, slash or backslash) or into
// markup (<, >, &, quotes).
func allowListSub(bad string) func(*python.Call) bool {
	return func(c *python.Call) bool { return allowListSubOf(c, bad) }
}

func allowListSubOf(c *python.Call, bad string) bool {
	pat, ok := constStr(c.Arg(0, "pattern"))
	if !ok {
		return false
	}
	repl, ok := constStr(c.Arg(1, "repl"))
	if !ok || strings.ContainsAny(repl, bad) {
		return false
	}
	pat = strings.TrimRight(pat, "+*")
	if !strings.HasPrefix(pat, "[^") || !strings.HasSuffix(pat, "]") || len(pat) < 4 {
		return false
	}
	class := pat[2 : len(pat)-1]
	// only letters, digits, "-" and "_": a shorthand (\w, \S) or a range
	// through punctuation ("--/", a leading "-" that starts one) could let
	// a dot or slash through
	for i := 0; i < len(class); i++ {
		switch ch := class[i]; {
		case ch == '-' || ch == '_' || 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9':
		default:
			return false
		}
	}
	return !strings.Contains(class, "--") && !strings.HasPrefix(class, "-") || class == "-"
}
