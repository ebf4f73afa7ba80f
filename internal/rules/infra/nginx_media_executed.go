package infra

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

var (
	// scriptLocation matches regular expressions of locations that run
	// scripts by extension.
	scriptLocation = lazyre.New(`(?i)\\\.(php\d?|phtml|cgi|pl|py|jsp|asp|aspx)|\(php`)
	// uploadLocation matches the prefixes under which uploads are served.
	uploadLocation = lazyre.New(`(?i)media|upload|user[-_]?files|attachments`)
)

// NginxMediaExecuted finds upload folders whose files a script handler
// would run.
var NginxMediaExecuted = &analysis.Rule{
	ID: "DJI113", Name: "nginx-uploads-executable",
	Severity: report.High, Confidence: report.MediumConfidence,
	CWE: []int{434, 94}, Checklist: []int{1, 6},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx hands uploaded files to a script handler",
		What: "Reports a location serving uploads from disk (a prefix location whose path names media, uploads or " +
			"attachments, with root or alias) in a server that also has a regular-expression location running " +
			"scripts by extension (location ~ \\.php$ with fastcgi_pass, uwsgi_pass, ...). Regular-expression " +
			"locations win over plain prefix ones, so /media/shell.php goes to the script handler. A media location " +
			"marked ^~ (which stops the regular-expression search) is left alone, and so is one whose files are not where the script " +
			"handler looks: a FastCGI handler whose SCRIPT_FILENAME is $document_root$fastcgi_script_name runs files under its own root, " +
			"and an alias (or a root) that puts the uploads elsewhere keeps them out of its reach.",
		Why: "Anyone who can upload a file (an avatar, an attachment) with a script extension then runs code on " +
			"the server by requesting it.",
		Bad:  "location /media/ { alias /srv/shop/media/; }\nlocation ~ \\.php$ { fastcgi_pass unix:/run/php/php-fpm.sock; }",
		Good: "location ^~ /media/ {\n    alias /srv/shop/media/;\n    default_type application/octet-stream;\n}",
		Fix:  "Mark the upload location ^~ so that no regular-expression location applies to it, and serve uploads from a separate host name where possible.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_core_module.html#location",
			"https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content-security",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				var handler string
				var hl chain
				for _, l := range locations(s) {
					b := l.last()
					if b.Name == "location" && len(b.Args) >= 2 && strings.HasPrefix(b.Arg(0), "~") &&
						scriptLocation().MatchString(b.Arg(1)) && passes(b) != nil {
						handler, hl = "location "+strings.Join(b.Args, " "), l
					}
				}
				if handler == "" {
					continue
				}
				for _, l := range locations(s) {
					b := l.last()
					if b.Name != "location" || len(b.Args) != 1 || !uploadLocation().MatchString(b.Arg(0)) {
						continue
					}
					if find(b.Block, "alias") == nil && l.value("root") == nil || passes(b) != nil {
						continue
					}
					if elsewhere(hl, l) {
						// alias /srv/uploads beside PHP's root
						// /var/www/html/public: the script handler
						// looks for /media/x.php under its own root
						continue
					}
					pass.Reportf(loc(b), "uploads under %s can be executed: a file named x.php there is handed to %s, because regular-expression locations win over %s (mark it ^~)", b.Arg(0), handler, b.Arg(0))
				}
			}
		}
	},
}

// elsewhere reports a script handler (hl) that runs files from another
// folder than the one the upload location (ul) serves: FastCGI's
// SCRIPT_FILENAME is $document_root$fastcgi_script_name (or
// $request_filename), the handler's root joined to the URI, while the
// uploads are under an alias, or a root, that does not put them there.
// Paths with variables, and handlers that name the script otherwise, are
// not judged.
func elsewhere(hl, ul chain) bool {
	if hl == nil || find(hl.last().Block, "fastcgi_pass") == nil || !rootScript(hl) {
		return false
	}
	root := "html" // nginx's default, under its prefix
	if r := hl.value("root"); r != nil {
		root = r.Arg(0)
	}
	var served string // the folder a URI's path is joined to
	prefix := ul.last().Arg(0)
	if a := find(ul.last().Block, "alias"); a != nil {
		served = strings.TrimSuffix(a.Arg(0), "/") + "/"
		root = strings.TrimSuffix(root, "/") + "/" + strings.Trim(prefix, "/") + "/"
	} else if r := ul.value("root"); r != nil {
		served = strings.TrimSuffix(r.Arg(0), "/") + "/"
		root = strings.TrimSuffix(root, "/") + "/"
	}
	if served == "" || strings.Contains(served+root, "$") {
		return false
	}
	return path.Clean(served) != path.Clean(root)
}

// rootScript reports a FastCGI handler whose SCRIPT_FILENAME is its root
// joined to the URI.
func rootScript(hl chain) bool {
	for _, d := range findAll(hl.last().Block, "fastcgi_param") {
		if d.Arg(0) != "SCRIPT_FILENAME" {
			continue
		}
		v := d.Arg(1)
		return v == "$document_root$fastcgi_script_name" || v == "$request_filename"
	}
	return false
}
