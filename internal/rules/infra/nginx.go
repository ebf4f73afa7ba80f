package infra

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
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
	dep := deployment(pass)
	res := p.Memo("infra.nginx", func() any { return loadNginx(p, dep) }).(*nginxLoad)
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
		if templated(data) {
			data = untemplate(data)
		}
		return inf.ParseNginxFile(f.Path, data)
	}).(*inf.NginxFile)
}

// untemplate turns a Jinja template of an nginx configuration (an Ansible
// role's nginx.conf.j2) into nginx syntax with the same positions: each
// {{ expression }} becomes a word of the same length, and {% tags %} and
// {# comments #} become blanks, so that both branches of an if are read.
func untemplate(data []byte) []byte {
	out := append([]byte(nil), data...)
	for i := 0; i+1 < len(out); i++ {
		if out[i] != '{' || (out[i+1] != '{' && out[i+1] != '%' && out[i+1] != '#') {
			continue
		}
		closer := map[byte]string{'{': "}}", '%': "%}", '#': "#}"}[out[i+1]]
		end := bytes.Index(out[i+2:], []byte(closer))
		if end < 0 {
			break
		}
		end += i + 2 + len(closer)
		fill := byte(' ')
		if out[i+1] == '{' {
			fill = '_'
		}
		for j := i; j < end; j++ {
			if out[j] != '\n' {
				out[j] = fill
			}
		}
		i = end - 1
	}
	return out
}

func loadNginx(p *project.Project, dep *deployLoad) *nginxLoad {
	out := &nginxLoad{}
	files := p.OfKind(project.Nginx)
	// Files that compose mounts, or a Dockerfile copies, into /etc/nginx
	// are nginx configuration whatever their names (taiga.conf mounted as
	// /etc/nginx/conf.d/default.conf); the mounts also say where includes
	// of /etc/nginx/... land in the tree.
	all := nginxMounts(p, dep)
	mounts := slices.DeleteFunc(slices.Clone(all), func(m nginxMount) bool { return m.dev })
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Path] = true
	}
	for _, m := range mounts {
		if !nginxTarget(m.container) {
			continue
		}
		if f := p.File(m.tree); f != nil && !seen[f.Path] && !f.Binary() {
			seen[f.Path] = true
			files = append(files, f)
		}
	}
	parsed := map[string]*inf.NginxFile{}
	for _, f := range files {
		nf := parseNginx(f)
		parsed[f.Path] = nf
		if devPath(f.Path) {
			continue
		}
		out.problems = append(out.problems, parseProblems(f.Path, "nginx configuration", nf.Errors)...)
	}
	included := map[string]bool{}
	var includedContent [][]byte
	// maxNginxExpanded bounds the directives of all the tree's
	// configurations, includes expanded.
	const maxNginxExpanded = 1000000
	type root struct {
		f   *project.File
		top []*inf.Directive
	}
	var roots []root
	budget := maxNginxExpanded
	for _, f := range files {
		top := inf.ResolveIncludesWithin(f.Path, parsed[f.Path], includeLookup(p, path.Dir(f.Path), mounts), &budget)
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
		// Test fixtures and examples are not deployments, and a template
		// is not nginx syntax until rendered.
		if included[r.f.Path] || devPath(r.f.Path) || devMounted(all, r.f.Path) {
			continue
		}
		// sites-available/default and its copy (or link) in sites-enabled:
		// the one the main configuration includes is the one that counts.
		data, _ := r.f.Content()
		if settings.DevComment(data) {
			// "# with an added SSL stanza for local development": the
			// developers' own proxy, as compose files that say so are
			continue
		}
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
// maxIncludeSuffix bounds the trailing parts of an absolute include path
// looked for in the tree.
const maxIncludeSuffix = 8

func includeLookup(p *project.Project, confDir string, mounts []nginxMount) func(pattern, from string) []inf.Included {
	return func(pattern, from string) []inf.Included {
		if strings.Contains(pattern, "$") || pattern == "" {
			return nil
		}
		abs := pattern
		if !strings.HasPrefix(abs, "/") {
			abs = "/etc/nginx/" + abs
		}
		for _, m := range mounts {
			var pat string
			switch {
			case abs == m.container:
				pat = m.tree
			case strings.HasPrefix(abs, m.container+"/"):
				pat = path.Join(m.tree, strings.TrimPrefix(abs, m.container+"/"))
			default:
				continue
			}
			if found := matchFiles(p, pat); len(found) > 0 {
				return found
			}
		}
		suffixes := []string{strings.TrimPrefix(path.Clean(pattern), "/")}
		if strings.HasPrefix(pattern, "/") {
			// the path's last parts, as the tree may hold them: the
			// deepest eight are plenty (a path of thousands of parts made
			// every include quadratic)
			parts := strings.Split(suffixes[0], "/")
			for i := max(1, len(parts)-maxIncludeSuffix); i < len(parts); i++ {
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
		if known, ok := wellKnownIncludes[path.Base(pattern)]; ok {
			return []inf.Included{{Path: pattern, File: inf.ParseNginx([]byte(known)), StandIn: true}}
		}
		return nil
	}
}

// wellKnownIncludes are files that nginx packages and certbot install, by
// base name, with what they set that the rules read. A repository includes
// them without holding them; knowing them keeps an "include proxy_params"
// from hiding every proxy header.
var wellKnownIncludes = map[string]string{
	// Debian and Ubuntu's /etc/nginx/proxy_params.
	"proxy_params": "proxy_set_header Host $http_host;\n" +
		"proxy_set_header X-Real-IP $remote_addr;\n" +
		"proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n" +
		"proxy_set_header X-Forwarded-Proto $scheme;\n",
	// certbot's /etc/letsencrypt/options-ssl-nginx.conf.
	"options-ssl-nginx.conf": "ssl_session_cache shared:le_nginx_SSL:10m;\n" +
		"ssl_session_timeout 1440m;\n" +
		"ssl_session_tickets off;\n" +
		"ssl_protocols TLSv1.2 TLSv1.3;\n" +
		"ssl_prefer_server_ciphers off;\n",
	// Parameters for the application protocols and MIME types: nothing
	// the rules read.
	"uwsgi_params": "", "fastcgi_params": "", "scgi_params": "", "fastcgi.conf": "", "mime.types": "",
	"fastcgi-php.conf": "", "snakeoil.conf": "",
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

// refusesAll reports a server block that ends every request with an error
// at server level (return 444, return 403), before any location is
// chosen: the catch-all for unknown host names serves no page.
func refusesAll(b *inf.Directive) bool {
	for _, d := range b.Block {
		if d.Name == "return" {
			code, err := strconv.Atoi(d.Arg(0))
			return err == nil && code >= 400
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
		if n := find(b.Block, "server_name"); n != nil && len(n.Args) > 0 && strings.Trim(n.Args[0], "_") != "" {
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

// addHeaders returns the add_header directives in effect at the innermost
// block of c. nginx takes them from the nearest level that has any, unless
// add_header_inherit (1.29.3, itself inherited) says merge (append the
// outer levels' headers) or off (take none from outer levels).
func addHeaders(c chain) []*inf.Directive {
	var out []*inf.Directive
	for i := len(c) - 1; i >= 0; i-- {
		own := findAll(c[i].Block, "add_header")
		out = append(out, own...)
		mode := ""
		if d := c[:i+1].value("add_header_inherit"); d != nil {
			mode = d.Arg(0)
		}
		switch {
		case mode == "off":
			return out
		case mode == "merge":
		case len(own) > 0:
			return out
		}
	}
	return out
}

// nginxMount maps a path inside an nginx container to a file or folder of
// the tree.
type nginxMount struct {
	container string // "/etc/nginx/conf.d/default.conf"
	tree      string // "taiga-gateway/taiga.conf"
	dev       bool   // by a development stack or image
}

// nginxMounts collects the compose volumes and Dockerfile COPY/ADD that put
// files of the tree under /etc/nginx.
func nginxMounts(p *project.Project, dep *deployLoad) []nginxMount {
	var out []nginxMount
	dev := false
	add := func(container, tree string) {
		container = path.Clean(container)
		if !strings.HasPrefix(container, "/etc/nginx") || strings.HasPrefix(tree, "..") {
			return
		}
		out = append(out, nginxMount{container, path.Clean(tree), dev})
	}
	for _, cf := range dep.compose {
		dev = cf.Dev
		dir := pathDir(cf.Path)
		for _, s := range cf.C.Services {
			for i, v := range s.Volumes {
				if src := v.Value; strings.HasPrefix(src, ".") {
					add(s.Targets[i], pathJoin(dir, src))
				}
			}
		}
	}
	for _, df := range dep.dockerfiles {
		dev = df.Dev
		dir := pathDir(df.Path)
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				if (in.Cmd != "COPY" && in.Cmd != "ADD") || in.Flags["from"] != "" {
					continue
				}
				words := strings.Fields(in.Args)
				if len(words) < 2 || strings.HasPrefix(words[0], "[") {
					continue
				}
				srcs, dst := words[:len(words)-1], words[len(words)-1]
				for _, src := range srcs {
					to := dst
					if strings.HasSuffix(dst, "/") || len(srcs) > 1 {
						to = strings.TrimSuffix(dst, "/") + "/" + path.Base(src)
					}
					// The build context is usually the Dockerfile's folder
					// or the root; take whichever holds the file.
					for _, base := range []string{dir, ""} {
						if t := pathJoin(base, src); p.File(t) != nil {
							add(to, t)
							break
						}
					}
				}
			}
		}
	}
	return out
}

// devMounted reports a file that only development stacks and images put
// into an nginx container, itself or its folder: the developers' own proxy
// (a CI stack's mock endpoints, the nginx of a compose file "for
// development purposes only").
func devMounted(mounts []nginxMount, file string) bool {
	dev := false
	for _, m := range mounts {
		if m.tree == file || strings.HasPrefix(file, m.tree+"/") {
			if !m.dev {
				return false
			}
			dev = true
		}
	}
	return dev
}

// nginxTarget reports whether a path inside an nginx container holds
// configuration nginx reads (rather than certificates, pages or the
// parameter files that includes name).
func nginxTarget(p string) bool {
	dir, base := path.Dir(p), path.Base(p)
	return strings.HasSuffix(base, ".conf") || strings.HasSuffix(base, ".conf.template") ||
		strings.HasSuffix(dir, "/sites-enabled") || strings.HasSuffix(dir, "/sites-available") || strings.HasSuffix(dir, "/conf.d")
}
