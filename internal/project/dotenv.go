package project

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// EnvEntry is one KEY=VALUE line of a dotenv file.
type EnvEntry struct {
	Key, Value string
	Line       int
}

// ParseDotenv reads a dotenv file the way python-dotenv and django-environ
// read it: blank lines and # comments are skipped, an `export ` prefix is
// dropped, double-quoted values decode \n, \t, \" and \\, single-quoted
// values are taken as written, and an unquoted value ends at " #". Lines
// without "=" are returned as errors with their line; callers decide
// whether that stops them (--env-file) or not (a committed .env).
func ParseDotenv(data []byte) ([]EnvEntry, []error) {
	var out []EnvEntry
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			errs = append(errs, fmt.Errorf("line %d: want KEY=VALUE", n))
			continue
		}
		out = append(out, EnvEntry{Key: k, Value: dotenvValue(strings.TrimSpace(v)), Line: n})
	}
	return out, errs
}

func dotenvValue(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		r := strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\"`, `"`, `\\`, `\`)
		return r.Replace(v[1 : len(v)-1])
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return v[1 : len(v)-1]
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}
