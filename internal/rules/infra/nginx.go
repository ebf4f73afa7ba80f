package infra

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// nginxConf is one nginx configuration: a root file with its includes
// resolved.
type nginxConf struct {
	Root string
	Top  []*inf.Directive
}

// nginxConfs parses every nginx file once per scan and returns the
// configurations rooted at files that no other nginx file includes.
func nginxConfs(pass *analysis.Pass) []*nginxConf {
	p := pass.Project
	res := p.Memo("infra.nginx", func() any { return loadNginx(p) }).(*nginxLoad)
	for _, e := range res.problems {
		pass.Problem(e.Location, "%s", e.Message)
	}
	return res.confs
}

type nginxLoad struct {
	confs    []*nginxConf
	problems []report.Problem
}

// maxNginx bounds an nginx configuration analysed: real ones are a few
// kilobytes, and the rules look up directives level by level, which costs
// the square of the blocks of a configuration written to exhaust the scan.
const maxNginx = 512 << 10

func parseNginx(f *project.File) *inf.NginxFile {
	return f.Memo("infra.nginx", func() any {
		if f.Size > maxNginx {
			return &inf.NginxFile{Errors: []inf.Error{{Pos: inf.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("not parsed: larger than the %d KB of nginx configuration djsec reads", maxNginx>>10)}}}
		}
		data, _ := f.Content()
		return inf.ParseNginxFile(f.Path, data)
	}).(*inf.NginxFile)
}

func loadNginx(p *project.Project) *nginxLoad {
	out := &nginxLoad{}
	files := p.OfKind(project.Nginx)
	parsed := map[string]*inf.NginxFile{}
	for _, f := range files {
		nf := parseNginx(f)
		parsed[f.Path] = nf
		for _, e := range nf.Errors {
			out.problems = append(out.problems, report.Problem{
				Location: report.Location{Path: f.Path, Line: e.Pos.Line, Column: e.Pos.Col},
				Message:  "nginx configuration: " + e.Msg})
		}
	}
	included := map[string]bool{}
	var includedContent [][]byte
	type root struct {
		f   *project.File
		top []*inf.Directive
	}
	var roots []root
	for _, f := range files {
		top := inf.ResolveIncludes(f.Path, parsed[f.Path], includeLookup(p, path.Dir(f.Path)))
		roots = append(roots, root{f, top})
		markIncluded(top, f.Path, included)
	}
	for path := range included {
		if f := p.File(path); f != nil {
			if data, err := f.Content(); err == nil {
				includedContent = append(includedContent, data)
			}
		}
	}
	for _, r := range roots {
		if included[r.f.Path] {
			continue
		}
		// sites-available/default and its copy (or link) in sites-enabled:
		// the one the main configuration includes is the one that counts.
		data, _ := r.f.Content()
		dup := false
		for _, c := range includedContent {
			if bytes.Equal(c, data) {
				dup = true
			}
		}
		if !dup {
			out.confs = append(out.confs, &nginxConf{Root: r.f.Path, Top: r.top})
		}
	}
	return out
}

func markIncluded(ds []*inf.Directive, root string, seen map[string]bool) {
	for _, d := range ds {
		if d.File != root && d.File != "" {
			seen[d.File] = true
		}
		markIncluded(d.Block, root, seen)
	}
}

// includeLookup resolves include patterns inside the scanned tree. nginx
// reads a relative include from its configuration folder (the folder of
// nginx.conf); an absolute one names a place on the server, which a
// repository mirrors somewhere below the configuration's folder or the
// root: /etc/nginx/conf.d/*.conf is tried as etc/nginx/conf.d/*.conf,
// nginx/conf.d/*.conf and conf.d/*.conf, each below the configuration's
// folder and then below the root. Nothing outside the tree is read.
func includeLookup(p *project.Project, confDir string) func(pattern, from string) []inf.Included {
	return func(pattern, from string) []inf.Included {
		if strings.Contains(pattern, "$") || pattern == "" {
			return nil
		}
		suffixes := []string{strings.TrimPrefix(path.Clean(pattern), "/")}
		if strings.HasPrefix(pattern, "/") {
			parts := strings.Split(suffixes[0], "/")
			for i := 1; i < len(parts); i++ {
				suffixes = append(suffixes, strings.Join(parts[i:], "/"))
			}
		}
		bases := []string{confDir, path.Dir(from), "."}
		for _, suf := range suffixes {
			for _, base := range bases {
				pat := path.Clean(path.Join(base, suf))
				if strings.HasPrefix(pat, "../") || pat == ".." {
					continue
				}
				if m := matchFiles(p, pat); len(m) > 0 {
					return m
				}
			}
		}
		return nil
	}
}

func matchFiles(p *project.Project, pat string) []inf.Included {
	var out []inf.Included
	if !strings.ContainsAny(pat, "*?[") {
		if f := p.File(pat); f != nil && !f.Binary() {
			return []inf.Included{{Path: f.Path, File: parseNginx(f)}}
		}
		return nil
	}
	for _, f := range p.Files {
		if ok, _ := path.Match(pat, f.Path); ok && !f.Binary() {
			out = append(out, inf.Included{Path: f.Path, File: parseNginx(f)})
		}
	}
	return out
}

// chain is the blocks enclosing a directive, outermost first. The first
// element is a pseudo-block holding the configuration's top level.
type chain []*inf.Directive

func (c chain) last() *inf.Directive { return c[len(c)-1] }

func (c chain) with(d *inf.Directive) chain {
	out := make(chain, len(c)+1)
	copy(out, c)
	out[len(c)] = d
	return out
}

// server returns the server block of the chain, or nil.
func (c chain) server() *inf.Directive {
	for _, d := range c {
		if d.Name == "server" {
			return d
		}
	}
	return nil
}

// value returns the directive name in effect at the innermost block: the
// nearest one set, as nginx inherits simple directives.
func (c chain) value(name string) *inf.Directive {
	for i := len(c) - 1; i >= 0; i-- {
		if d := find(c[i].Block, name); d != nil {
			return d
		}
	}
	return nil
}

// array returns the directives of an array directive (add_header,
// proxy_set_header, limit_req) in effect at the innermost block: nginx
// takes them from the nearest level that has any and ignores every outer
// level.
func (c chain) array(name string) (ds []*inf.Directive, level *inf.Directive) {
	for i := len(c) - 1; i >= 0; i-- {
		if ds := findAll(c[i].Block, name); len(ds) > 0 {
			return ds, c[i]
		}
	}
	return nil, nil
}

// unresolved reports whether a level of the chain has an include djsec
// could not follow, which may set what a rule finds missing.
func (c chain) unresolved() bool {
	for _, b := range c {
		if find(b.Block, "include") != nil {
			return true
		}
	}
	return false
}

func find(ds []*inf.Directive, name string) *inf.Directive {
	var last *inf.Directive
	for _, d := range ds {
		if d.Name == name {
			last = d
		}
	}
	return last
}

func findAll(ds []*inf.Directive, name string) []*inf.Directive {
	var out []*inf.Directive
	for _, d := range ds {
		if d.Name == name {
			out = append(out, d)
		}
	}
	return out
}

// top is the pseudo-block of a configuration's top level.
func (n *nginxConf) top() *inf.Directive {
	return &inf.Directive{Name: "", Block: n.Top, HasBlock: true, File: n.Root, Pos: inf.Pos{Line: 1, Col: 1}}
}

// walk calls fn for every block directive below the top level with the
// chain that encloses it (the block itself last).
func (n *nginxConf) walk(fn func(c chain)) {
	var rec func(c chain, depth int)
	rec = func(c chain, depth int) {
		if depth > 50 {
			return
		}
		for _, d := range c.last().Block {
			if d.HasBlock && d.Raw == "" {
				cc := c.with(d)
				fn(cc)
				rec(cc, depth+1)
			}
		}
	}
	rec(chain{n.top()}, 0)
}

// servers returns the chains of every server block of the http context
// (not of stream or mail).
func (n *nginxConf) servers() []chain {
	var out []chain
	n.walk(func(c chain) {
		if c.last().Name != "server" {
			return
		}
		for _, b := range c[:len(c)-1] {
			if b.Name == "stream" || b.Name == "mail" || b.Name == "upstream" {
				return
			}
		}
		out = append(out, c)
	})
	return out
}

// locations returns the chains of the locations (and ifs) inside server
// chain s, nested ones included.
func locations(s chain) []chain {
	var out []chain
	var rec func(c chain, depth int)
	rec = func(c chain, depth int) {
		if depth > 50 {
			return
		}
		for _, d := range c.last().Block {
			if d.Name == "location" || d.Name == "if" || d.Name == "limit_except" {
				cc := c.with(d)
				out = append(out, cc)
				rec(cc, depth+1)
			}
		}
	}
	rec(s, 0)
	return out
}

// isTLS reports whether server s accepts TLS connections.
func isTLS(s *inf.Directive) bool {
	for _, l := range findAll(s.Block, "listen") {
		for _, a := range l.Args[min(1, len(l.Args)):] {
			if a == "ssl" || a == "quic" {
				return true
			}
		}
	}
	if d := find(s.Block, "ssl"); d != nil && d.Arg(0) == "on" {
		return true
	}
	return false
}

// listensPlain reports whether server s accepts plain HTTP: it has a listen
// without ssl, or no listen at all (port 80 by default) and no ssl on.
func listensPlain(s *inf.Directive) bool {
	ls := findAll(s.Block, "listen")
	if len(ls) == 0 {
		return !isTLS(s)
	}
	if d := find(s.Block, "ssl"); d != nil && d.Arg(0) == "on" {
		return false
	}
	for _, l := range ls {
		plain := true
		for _, a := range l.Args[min(1, len(l.Args)):] {
			if a == "ssl" || a == "quic" {
				plain = false
			}
		}
		if plain {
			return true
		}
	}
	return false
}

var passDirectives = []string{"proxy_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass", "grpc_pass"}

// passes returns the directive handing requests of block b to an
// application, or nil.
func passes(b *inf.Directive) *inf.Directive {
	for _, n := range passDirectives {
		if d := find(b.Block, n); d != nil {
			return d
		}
	}
	return nil
}

// proxiesApp reports whether server s hands requests to an application
// anywhere (in itself or in a location).
func proxiesApp(s chain) bool {
	if passes(s.last()) != nil {
		return true
	}
	for _, l := range locations(s) {
		if passes(l.last()) != nil {
			return true
		}
	}
	return false
}

// redirectsToHTTPS reports whether block b answers with a redirect to
// https: return 301 https://..., rewrite ^ https://... permanent.
func redirectsToHTTPS(b *inf.Directive) bool {
	for _, d := range b.Block {
		switch d.Name {
		case "return":
			code, _ := strconv.Atoi(d.Arg(0))
			if code >= 300 && code < 400 && strings.HasPrefix(d.Arg(1), "https://") {
				return true
			}
		case "rewrite":
			if strings.HasPrefix(d.Arg(1), "https://") {
				return true
			}
		}
	}
	return false
}

// loc returns the location of a directive.
func loc(d *inf.Directive) report.Location {
	return report.Location{Path: d.File, Line: d.Pos.Line, Column: d.Pos.Col}
}

// describe names a block for messages: "server example.com" or
// "location /admin/".
func describe(b *inf.Directive) string {
	switch b.Name {
	case "server":
		if n := find(b.Block, "server_name"); n != nil && len(n.Args) > 0 && n.Args[0] != "_" && n.Args[0] != "" {
			return "server " + n.Args[0]
		}
		return "server"
	case "location":
		return "location " + strings.Join(b.Args, " ")
	case "":
		return "top level"
	}
	return b.Name + " " + strings.Join(b.Args, " ")
}

// headerNames returns the lower-case names of the headers that add_header
// directives set.
func headerNames(ds []*inf.Directive) map[string]*inf.Directive {
	out := map[string]*inf.Directive{}
	for _, d := range ds {
		out[strings.ToLower(d.Arg(0))] = d
	}
	return out
}

// walkAll calls fn for every directive of the configuration, once each,
// blocks included.
func (n *nginxConf) walkAll(fn func(d *inf.Directive)) {
	seen := map[*inf.Directive]bool{}
	var rec func(ds []*inf.Directive, depth int)
	rec = func(ds []*inf.Directive, depth int) {
		if depth > 60 {
			return
		}
		for _, d := range ds {
			if seen[d] {
				continue
			}
			seen[d] = true
			fn(d)
			rec(d.Block, depth+1)
		}
	}
	rec(n.Top, 0)
}

type infDirective = inf.Directive

// loopbackTarget reports whether a proxy_pass or uwsgi_pass target is on
// this host's loopback.
func loopbackTarget(u string) bool {
	for _, p := range []string{"http://", "https://", "uwsgi://"} {
		u = strings.TrimPrefix(u, p)
	}
	return strings.HasPrefix(u, "127.") || strings.HasPrefix(u, "localhost") || strings.HasPrefix(u, "[::1]")
}
