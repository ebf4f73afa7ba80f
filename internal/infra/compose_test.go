package infra

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestInterpolate(t *testing.T) {
	env := map[string]string{"SET": "v", "EMPTY": ""}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"$SET-x", "v-x"},
		{"${SET}", "v"},
		{"${UNSET:-d}", "d"},
		{"${EMPTY:-d}", "d"},
		{"${EMPTY-d}", ""},
		{"${UNSET-d}", "d"},
		{"${SET:+alt}", "alt"},
		{"${UNSET:+alt}", ""},
		{"${UNSET:?need it}", ""},
		{"$$SET", "$SET"},
		{"${UNSET:-${SET}}", "v"},
		{"${UNSET:-${ALSO:-x}y}", "xy"},
		{"${broken", "${broken"},
		{"cost $5", "cost $5"},
	}
	for _, tt := range tests {
		if got := Interpolate(tt.in, lookup).Value; got != tt.want {
			t.Errorf("Interpolate(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
	r := Interpolate("${DEBUG:-1}", lookup)
	if !reflect.DeepEqual(r.Defaulted, []string{"DEBUG"}) {
		t.Errorf("got defaulted %v, want [DEBUG]", r.Defaulted)
	}
}

func TestParseCompose(t *testing.T) {
	src := `
x-common: &common
  environment:
    SHARED: "1"
services:
  db:
    <<: *common
    image: postgres:${PG_VERSION:-16}
    ports:
      - "5432:5432"
      - "127.0.0.1:6379:6379/tcp"
      - "[::1]:80:80"
      - target: 9200
        published: 9200
        host_ip: 0.0.0.0
  web:
    build:
      context: ..
      dockerfile: docker/Dockerfile
    environment:
      - DEBUG=${DEBUG:-1}
      - PASSTHROUGH
    env_file: .env
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - type: bind
        source: ./data
        target: /data
    privileged: true
`
	c := ParseCompose([]byte(src), nil)
	if len(c.Errors) > 0 || len(c.Services) != 2 {
		t.Fatalf("got %d services, errors %v", len(c.Services), c.Errors)
	}
	db, web := c.Services[0], c.Services[1]
	if db.Image.Value != "postgres:16" {
		t.Errorf("got image %q, want postgres:16", db.Image.Value)
	}
	var ports []string
	for _, p := range db.Ports {
		ports = append(ports, p.HostIP+"|"+p.Published+"|"+p.Target)
	}
	if want := []string{"|5432|5432", "127.0.0.1|6379|6379", "::1|80|80", "0.0.0.0|9200|9200"}; !reflect.DeepEqual(ports, want) {
		t.Errorf("got ports %v, want %v", ports, want)
	}
	if len(db.Environment) != 1 || db.Environment[0].Name != "SHARED" {
		t.Errorf("merge key: got environment %v", db.Environment)
	}
	if web.Environment[0].Value.Value != "1" || web.Environment[0].Value.Pos.Line != 21 || web.Environment[1].HasValue {
		t.Errorf("got environment %+v", web.Environment)
	}
	if web.Dockerfile.Value != "docker/Dockerfile" || web.EnvFiles[0].Value != ".env" {
		t.Errorf("got build %+v env_file %+v", web.Dockerfile, web.EnvFiles)
	}
	if len(web.Volumes) != 2 || web.Volumes[0].Value != "/var/run/docker.sock" || web.Volumes[1].Value != "./data" ||
		web.Targets[0] != "/var/run/docker.sock" || web.Targets[1] != "/data" {
		t.Errorf("got volumes %+v", web.Volumes)
	}
	if web.Privileged.Value != "true" {
		t.Errorf("got privileged %+v", web.Privileged)
	}
	if c := ParseCompose([]byte("services: [\n"), nil); len(c.Errors) != 1 {
		t.Errorf("got errors %v, want one", c.Errors)
	}
}

func TestParseDockerfile(t *testing.T) {
	src := "# escape=\\\nARG PY=3.12\nFROM python:${PY} AS build\nRUN apt-get update \\\n    # a comment inside\n    && apt-get install -y gcc\nCOPY --from=build --chown=app /a /b\nRUN <<EOF\nset -e\necho hi\nEOF\nFROM python:3.12-slim\nENV A=1 B=\"two words\"\nENV LEGACY some value\nUSER app\n"
	df := ParseDockerfile([]byte(src))
	if len(df.Errors) > 0 {
		t.Fatalf("errors: %v", df.Errors)
	}
	if len(df.Stages) != 2 || df.Stages[0].Image != "python:3.12" || df.Stages[0].Name != "build" {
		t.Fatalf("got stages %+v", df.Stages)
	}
	ins := df.Stages[0].Instructions
	if ins[0].Cmd != "RUN" || ins[0].Args != "apt-get update && apt-get install -y gcc" || ins[0].Pos.Line != 4 {
		t.Errorf("got %+v", ins[0])
	}
	if ins[1].Flags["from"] != "build" || ins[1].Args != "/a /b" {
		t.Errorf("got %+v", ins[1])
	}
	if len(ins[2].Heredocs) != 1 || ins[2].Heredocs[0] != "set -e\necho hi" {
		t.Errorf("got heredocs %q", ins[2].Heredocs)
	}
	final := df.Stages[1].Instructions
	if kv := ParseKeyValues(final[0].Args, true); len(kv) != 2 || kv[1].Value != "two words" {
		t.Errorf("got %+v", kv)
	}
	if kv := ParseKeyValues(final[1].Args, true); len(kv) != 1 || kv[0].Value != "some value" {
		t.Errorf("got %+v", kv)
	}
	if final[2].Cmd != "USER" || final[2].Pos.Line != 15 {
		t.Errorf("got %+v", final[2])
	}
}

func seeds(f *testing.F) {
	filepath.Walk("../rules/infra/testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Size() < 8<<10 {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
}

func FuzzParseCompose(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		for _, s := range ParseCompose(data, nil).Services {
			for _, e := range s.Environment {
				if e.Value.Pos.Line > lines {
					t.Fatalf("position %v outside the input", e.Value.Pos)
				}
			}
		}
	})
}

func FuzzParseDockerfile(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		for _, s := range ParseDockerfile(data).Stages {
			for _, in := range s.Instructions {
				if in.Pos.Line < 1 || in.Pos.Line > lines {
					t.Fatalf("instruction at %v outside the input", in.Pos)
				}
			}
		}
	})
}

func FuzzInterpolate(f *testing.F) {
	f.Add("${A:-${B:-c}}$D$$")
	f.Fuzz(func(t *testing.T, s string) {
		Interpolate(s, func(string) (string, bool) { return "x", len(s)%2 == 0 })
	})
}

func TestNestingRefused(t *testing.T) {
	deep := "a: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	if c := ParseCompose([]byte("services:\n  "+deep), nil); len(c.Errors) != 1 || !strings.Contains(c.Errors[0].Msg, "nested more than") {
		t.Errorf("got errors %v, want one about nesting", c.Errors)
	}
	if d := ParseYAML([]byte(deep)); len(d.Errors) != 1 {
		t.Errorf("got errors %v, want one", d.Errors)
	}
	ok := "a: [1, [2, \"[[[[\"], {b: c}] # [[[[\n"
	if d := ParseYAML([]byte(ok)); len(d.Errors) != 0 {
		t.Errorf("got errors %v for shallow YAML with brackets in strings and comments", d.Errors)
	}
}

// TestComposeExtends checks that a service names what it extends, in the
// long form (another file) and the short one (a service of this file).
func TestComposeExtends(t *testing.T) {
	c := ParseCompose([]byte("services:\n  web:\n    extends:\n      file: common.yml\n      service: app\n  worker:\n    extends: web\n  db:\n    image: postgres:16\n"), nil)
	got := map[string]string{}
	for _, s := range c.Services {
		got[s.Name] = fmt.Sprintf("%v %q %q", s.Extends, s.ExtendsFile, s.ExtendsService)
	}
	want := map[string]string{"web": `true "common.yml" "app"`, "worker": `true "" "web"`, "db": `false "" ""`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
