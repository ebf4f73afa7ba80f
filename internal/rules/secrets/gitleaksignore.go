package secrets

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/project"
)

// gitleaksIgnored reads the .gitleaksignore at the root of the project:
// the findings of gitleaks that the team reviewed and let be, one
// fingerprint a line, [commit:]file:rule:line. It returns the lines by
// file; a secret found there is one the team knows of. Once per scan.
func gitleaksIgnored(p *project.Project) map[string]map[int]bool {
	return p.Memo("secrets.gitleaksignore", func() any {
		out := map[string]map[int]bool{}
		f := p.File(".gitleaksignore")
		if f == nil {
			return out
		}
		data, err := f.Content()
		if err != nil {
			return out
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			path, line, ok := parseFingerprint(strings.TrimSpace(sc.Text()))
			if !ok {
				continue
			}
			if out[path] == nil {
				out[path] = map[int]bool{}
			}
			out[path][line] = true
		}
		return out
	}).(map[string]map[int]bool)
}

// parseFingerprint reads gitleaks' fingerprint of a finding: file:rule:line,
// or commit:file:rule:line when gitleaks scanned the history (the file
// may hold colons of its own).
func parseFingerprint(s string) (path string, line int, ok bool) {
	if s == "" || strings.HasPrefix(s, "#") {
		return "", 0, false
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n <= 0 {
		return "", 0, false
	}
	rest := s[:i] // [commit:]file:rule
	j := strings.LastIndexByte(rest, ':')
	if j < 0 {
		return "", 0, false
	}
	path = rest[:j]
	if k := strings.IndexByte(path, ':'); k == 40 && isHex(path[:k]) {
		path = path[k+1:] // a commit's hash first
	}
	return strings.TrimPrefix(path, "./"), n, path != ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
