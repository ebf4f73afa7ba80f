package secrets

import (
	"strings"
	"testing"
)

func TestOutsideNoopHeredocs(t *testing.T) {
	script := "#!/bin/sh\n" + // 1
		": <<-EOF\n" + // 2
		"\texample=1\n" + // 3: inside
		"\tEOF\n" + // 4: the end, indented under <<-
		"real=2\n" + // 5
		"cat << EOF\n" + // 6: a here-document given to a command, not a comment
		"kept=3\n" + // 7
		"EOF\n" + // 8
		": << 'never'\n" + // 9: never closed: nothing is dropped
		"last=4\n" // 10
	hits := []hit{{line: 3}, {line: 5}, {line: 7}, {line: 10}}
	got := outsideNoopHeredocs(hits, []byte(script))
	var lines []int
	for _, h := range got {
		lines = append(lines, h.line)
	}
	if len(lines) != 3 || lines[0] != 5 || lines[1] != 7 || lines[2] != 10 {
		t.Errorf("lines kept: %v, want [5 7 10]", lines)
	}
}

func TestShellScript(t *testing.T) {
	for _, tc := range []struct {
		rel, data string
		want      bool
	}{
		{"deploy.sh", "echo hi", true},
		{"bin/deploy", "#!/bin/bash -e\necho hi", true},
		{"bin/deploy", "#!/usr/bin/env sh\necho hi", true},
		{"bin/manage", "#!/usr/bin/env python\nprint()", false},
		{"notes.txt", ": << 'x'\nx\n", false},
	} {
		if got := shellScript(tc.rel, []byte(tc.data)); got != tc.want {
			t.Errorf("shellScript(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

func TestParseFingerprint(t *testing.T) {
	for _, tc := range []struct {
		in   string
		path string
		line int
		ok   bool
	}{
		{"app/keys/dev.key:private-key:1", "app/keys/dev.key", 1, true},
		{"0123456789abcdef0123456789abcdef01234567:app/settings.py:generic-api-key:188", "app/settings.py", 188, true},
		{"./conf/a:b.ini:generic-api-key:3", "conf/a:b.ini", 3, true},
		{"# a comment", "", 0, false},
		{"app/settings.py:generic-api-key", "", 0, false},
		{"app/settings.py:generic-api-key:0", "", 0, false},
	} {
		path, line, ok := parseFingerprint(tc.in)
		if path != tc.path || line != tc.line || ok != tc.ok {
			t.Errorf("parseFingerprint(%q) = %q, %d, %v; want %q, %d, %v", tc.in, path, line, ok, tc.path, tc.line, tc.ok)
		}
	}
}

func TestRestatesKey(t *testing.T) {
	for _, tc := range []struct {
		key, value string
		want       bool
	}{
		{"JWT_PRIVATE_KEY", "private-key", true},
		{"api_token", "api-token", true},
		{"SECRET_KEY", "secret_key", true},
		{"JWT_PRIVATE_KEY", "Zr4kP9wQ2xL7", false},
		{"JWT_PRIVATE_KEY", "key", false},          // too short to say anything
		{"TOKEN", "my-long-token", false},          // more than the name
		{"DB_PASSWORD", "password-db-prod", false}, // other words
	} {
		if got := restatesKey(tc.key, tc.value); got != tc.want {
			t.Errorf("restatesKey(%q, %q) = %v, want %v", tc.key, tc.value, got, tc.want)
		}
	}
}

func TestTestRunnerSections(t *testing.T) {
	const toml = "[project]\nname = \"shop\"\n\n[tool.pytest.ini_options]\nenv = [\n  \"SECRET_KEY=x\",\n]\naddopts = [\n    [\"a\"],\n]\nkey = 1\n\n[tool.ruff]\nline-length = 100\n"
	got := testRunnerSections([]byte(toml))
	if len(got) != 1 {
		t.Fatalf("got %v, want one section", got)
	}
	section := toml[got[0][0]:got[0][1]]
	if !strings.HasPrefix(section, "[tool.pytest.ini_options]") || !strings.Contains(section, "key = 1") || strings.Contains(section, "ruff") {
		t.Errorf("got section %q", section)
	}
}

func TestCamelWords(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"PasswordResetView", true},
		{"OIDCAuthPasswordBackend", true},
		{"authentication.backends.oidc.OIDCAuthPasswordBackend", true},
		{"JSONField", true},
		{"aZ3kQp", false},
		{"QkZrTbWq", false},
		{"ABcDeFgH", false},
		{"XYZabQ", false},
		{"tokFhirV1PatientOKCount", true}, // a Splunk dashboard's token name: V1 is a version
		{"tokSynthFHIROKCount", true},     // two acronyms run together in a camelCase name
		{"QWERasdfZXCVqwer", false},       // a keyboard's runs, not a name
		{"aQWERTYUIasdf", false},          // too long a run for acronyms
		{"aV1kQp", false},
	} {
		if got := identifierLike(tc.s); got != tc.want {
			t.Errorf("identifierLike(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
