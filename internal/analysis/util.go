package analysis

import (
	"os"
	"path/filepath"
	"strings"
)

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

func parentDir(p string) string { return filepath.Dir(p) }

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// firstFrames keeps the top of a stack trace: enough to find the bug, short
// enough for one line of a report.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	var keep []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "/") && !strings.Contains(l, "/runtime/") {
			keep = append(keep, filepath.Base(strings.Fields(l)[0]))
		}
		if len(keep) == 3 {
			break
		}
	}
	return strings.Join(keep, " < ")
}
