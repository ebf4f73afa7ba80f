package siteinfo

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/guard"
	"github.com/djsec/djsec/internal/project"
)

func load(t *testing.T, root string) *project.Project {
	files, _, err := project.Walk(root, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return project.New(root, files, project.Inputs{Env: map[string]string{}})
}

func paths(rs []guard.SiteRoute) string {
	var out []string
	for _, r := range rs {
		s := r.Path
		if r.Exact {
			s += "$"
		}
		if r.Token {
			s += " token"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestDiscover(t *testing.T) {
	s := Discover(load(t, "testdata/mysite"), "mysite")
	for _, tc := range []struct{ what, got, want string }{
		{"admin", paths(s.Admin), "/backstage/"},
		{"logins", paths(s.Logins), "/accounts/login/$ /api/v1/token/$ token /backstage/login/$"},
		{"apis", paths(s.APIs), "/api/v1/"},
		{"static", s.Static, "/assets/"},
		{"hosts", fmt.Sprint(s.Hosts), "[shop.example.org]"},
		{"media", s.Media, "/uploads/"},
		{"upload", fmt.Sprint(s.Upload), "5242880"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.what, tc.got, tc.want)
		}
	}
	var b bytes.Buffer
	if err := guard.WriteConfig(&b, s); err != nil {
		t.Fatal(err)
	}
	cfg, err := guard.ParseConfig("guard.toml", b.Bytes())
	if err != nil {
		t.Fatalf("the written config does not parse: %v\n%s", err, b.String())
	}
	// The admin's login sits inside the admin: it keeps the allowlist.
	for _, r := range cfg.Routes {
		if strings.Contains(r.Name, "/backstage/") && len(r.Allow) == 0 {
			t.Errorf("route %q inside the admin has no allowlist", r.Name)
		}
	}
}

func TestRoutePrefix(t *testing.T) {
	for _, tc := range []struct {
		route string
		regex bool
		want  string
	}{
		{"accounts/login/", false, "/accounts/login/"},
		{"product/<int:pk>/edit/", false, "/product/"},
		{"", false, "/"},
		{`^api/v1/`, true, "/api/v1/"},
		{`^blog/(?P<slug>[-\w]+)/$`, true, "/blog/"},
		{`^feeds\.xml$`, true, "/feeds.xml"},
		{`^about$`, true, "/about"},
		{`^(?P<x>a)/`, true, "/"},
	} {
		got, literal := guard.RoutePrefix(tc.route, tc.regex)
		if literal != (tc.want == "/feeds.xml" || tc.want == "/about" || tc.want == "/accounts/login/" || tc.route == "") {
			t.Errorf("RoutePrefix(%q): literal %v", tc.route, literal)
		}
		if got != tc.want {
			t.Errorf("RoutePrefix(%q) = %q, want %q", tc.route, got, tc.want)
		}
	}
}
