package infra

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func dump(ds []*Directive, sb *strings.Builder, indent string) {
	for _, d := range ds {
		fmt.Fprintf(sb, "%s%d:%d %s %q", indent, d.Pos.Line, d.Pos.Col, d.Name, d.Args)
		if d.Raw != "" {
			fmt.Fprintf(sb, " lua(%d)", len(d.Raw))
		}
		sb.WriteString("\n")
		dump(d.Block, sb, indent+"  ")
	}
}

func TestParseNginx(t *testing.T) {
	tests := []struct {
		name, src, want string
		errs            int
	}{
		{"simple", "user nginx;\nhttp {\n  server { listen 80; }\n}\n",
			"1:1 user [\"nginx\"]\n2:1 http []\n  3:3 server []\n    3:12 listen [\"80\"]\n", 0},
		{"quotes and vars", "add_header X-A \"a; b\" always;\nset $x ${host}x;\n",
			"1:1 add_header [\"X-A\" \"a; b\" \"always\"]\n2:1 set [\"$x\" \"${host}x\"]\n", 0},
		{"comments", "# c\nlisten 80; # trailing { }\n", "2:1 listen [\"80\"]\n", 0},
		{"lua", "content_by_lua_block {\n  local s = \"}\" -- }\n  if x then ngx.say('{') end\n}\nlisten 1;\n",
			"1:1 content_by_lua_block [] lua(51)\n5:1 listen [\"1\"]\n", 0},
		{"regex location", "location ~* \\.(gif|jpg)$ { expires 30d; }\n",
			"1:1 location [\"~*\" \"\\\\.(gif|jpg)$\"]\n  1:28 expires [\"30d\"]\n", 0},
		{"unbalanced close", "}\nlisten 80;\n", "2:1 listen [\"80\"]\n", 1},
		{"unclosed block", "server {\n listen 80;\n", "1:1 server []\n  2:2 listen [\"80\"]\n", 1},
		{"missing semicolon", "listen 80", "1:1 listen [\"80\"]\n", 1},
		{"unterminated quote", "return 200 \"abc", "1:1 return [\"200\" \"abc\"]\n", 2},
		{"map block", "map $a $b {\n default 0;\n ~^x 1;\n}\n", "1:1 map [\"$a\" \"$b\"]\n  2:2 default [\"0\"]\n  3:2 ~^x [\"1\"]\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ParseNginx([]byte(tt.src))
			var sb strings.Builder
			dump(f.Directives, &sb, "")
			if sb.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", sb.String(), tt.want)
			}
			if len(f.Errors) != tt.errs {
				t.Errorf("got %d errors %v, want %d", len(f.Errors), f.Errors, tt.errs)
			}
		})
	}
}

func TestParseNginxDeep(t *testing.T) {
	src := strings.Repeat("a {", 10000) + strings.Repeat("}", 10000)
	f := ParseNginx([]byte(src))
	if len(f.Errors) == 0 {
		t.Error("got no error for blocks nested 10000 deep")
	}
}

func TestResolveIncludes(t *testing.T) {
	files := map[string]*NginxFile{
		"nginx.conf":      ParseNginxFile("nginx.conf", []byte("http { include conf.d/*.conf; include /etc/nginx/missing; }")),
		"conf.d/a.conf":   ParseNginxFile("conf.d/a.conf", []byte("server { listen 80; include loop.inc; }")),
		"conf.d/loop.inc": ParseNginxFile("conf.d/loop.inc", []byte("include conf.d/a.conf; gzip on;")),
	}
	lookup := func(pattern, from string) []Included {
		var out []Included
		for p, f := range files {
			if ok, _ := filepath.Match(pattern, p); ok || pattern == "loop.inc" && p == "conf.d/loop.inc" {
				out = append(out, Included{Path: p, File: f})
			}
		}
		return out
	}
	ds := ResolveIncludes("nginx.conf", files["nginx.conf"], lookup)
	var sb strings.Builder
	dump(ds, &sb, "")
	want := "1:1 http []\n  1:1 server []\n    1:10 listen [\"80\"]\n    1:24 gzip [\"on\"]\n  1:31 include [\"/etc/nginx/missing\"]\n"
	if sb.String() != want {
		t.Errorf("got\n%s\nwant\n%s", sb.String(), want)
	}
	if ds[0].Block[0].File != "conf.d/a.conf" {
		t.Errorf("got file %q, want conf.d/a.conf", ds[0].Block[0].File)
	}
}

func FuzzParseNginx(f *testing.F) {
	filepath.Walk("../rules/infra/testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Size() < 8<<10 {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	f.Add([]byte("http { server { location / { content_by_lua_block { ngx.say('}') } } } }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		var check func([]*Directive)
		check = func(ds []*Directive) {
			for _, d := range ds {
				if d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
					t.Fatalf("directive %q at %v outside the input", d.Name, d.Pos)
				}
				check(d.Block)
			}
		}
		check(ParseNginx(data).Directives)
	})
}

// TestResolveIncludesBounded checks that files including each other
// through a glob do not expand to every ordering of themselves.
func TestResolveIncludesBounded(t *testing.T) {
	files := map[string]*NginxFile{}
	for i := 0; i < 30; i++ {
		p := fmt.Sprintf("conf.d/%02d.conf", i)
		files[p] = ParseNginxFile(p, []byte("include conf.d/*.conf; gzip on;"))
	}
	lookup := func(pattern, from string) []Included {
		var out []Included
		for p, f := range files {
			out = append(out, Included{Path: p, File: f})
		}
		return out
	}
	var count func([]*Directive) int
	count = func(ds []*Directive) int { return len(ds) }
	ds := ResolveIncludes("conf.d/00.conf", files["conf.d/00.conf"], lookup)
	if n := count(ds); n > 2*maxExpanded {
		t.Errorf("got %d directives", n)
	}
}
