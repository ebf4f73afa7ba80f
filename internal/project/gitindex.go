package project

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Tracked returns the set of paths (relative, slash-separated) that the git
// index of the repository at the root lists, or nil when the root holds no
// .git. Reading the index (what the next commit will hold) tells a committed
// .env from a local one without running git. The index is read once per
// scan; the set is shared, and callers must not change it.
func (p *Project) Tracked() (map[string]bool, error) {
	type tracked struct {
		set map[string]bool
		err error
	}
	t := p.Memo("project.tracked", func() any {
		set, err := gitTracked(p.Root, p.Inputs.FollowOutside)
		return tracked{set, err}
	}).(tracked)
	return t.set, t.err
}

// ReadTracked returns the content of a file that git tracks but the walk
// left out (a .gitignore ignores it), so that rules read such files through
// the project rather than by path. It refuses a path the index does not
// list, a file that is not regular, and one larger than limit bytes.
func (p *Project) ReadTracked(rel string, limit int64) ([]byte, error) {
	set, err := p.Tracked()
	if err != nil {
		return nil, err
	}
	if !set[rel] || path.IsAbs(rel) || rel != path.Clean(rel) || strings.HasPrefix(rel, "../") {
		return nil, fmt.Errorf("%s is not tracked by git", rel)
	}
	return ReadRegular(filepath.Join(p.Root, filepath.FromSlash(rel)), limit)
}

// maxGitIndex bounds the git index read: a million paths take about
// a hundred megabytes.
const maxGitIndex = 256 << 20

// gitTracked returns the paths in the git index of the repository whose
// top is root, or nil when root holds no .git. A .git file (a worktree, a
// submodule) names the git directory; one outside root is read only when
// outside is set, since nothing outside the scanned tree is read unless
// the user asks.
func gitTracked(root string, outside bool) (map[string]bool, error) {
	gitDir := filepath.Join(root, ".git")
	info, err := os.Stat(gitDir)
	if err != nil {
		return nil, nil
	}
	if !info.IsDir() {
		// A worktree or submodule: .git is a file naming the real
		// directory.
		data, err := ReadRegular(gitDir, 4096)
		if err != nil {
			return nil, fmt.Errorf("reading .git: %w", err)
		}
		dir, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
		if !ok {
			return nil, fmt.Errorf("reading .git: no gitdir line")
		}
		gitDir = strings.TrimSpace(dir)
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(root, gitDir)
		}
		if rel, err := filepath.Rel(root, gitDir); !outside && (err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))) {
			return nil, fmt.Errorf("the .git file names a git directory outside the scanned tree (%s), which djsec reads only with --follow-outside-links", gitDir)
		}
	}
	data, err := ReadRegular(filepath.Join(gitDir, "index"), maxGitIndex)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil // a repository with nothing staged yet
	}
	if err != nil {
		return nil, fmt.Errorf("reading the git index: %w", err)
	}
	hashLen := 20
	if cfg, err := ReadRegular(filepath.Join(gitDir, "config"), 1<<20); err == nil && bytes.Contains(cfg, []byte("objectformat = sha256")) {
		hashLen = 32
	}
	paths, err := parseGitIndex(data, hashLen)
	if err != nil {
		return nil, fmt.Errorf("reading the git index: %w", err)
	}
	out := make(map[string]bool, len(paths))
	for _, p := range paths {
		out[p] = true
	}
	return out, nil
}

// parseGitIndex returns the paths of the entries of a git index file
// (versions 2, 3 and 4; see git's Documentation/gitformat-index.txt).
func parseGitIndex(data []byte, hashLen int) ([]string, error) {
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return nil, errors.New("not an index file")
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("index version %d is not supported", version)
	}
	n := int(binary.BigEndian.Uint32(data[8:12]))
	paths := make([]string, 0, n)
	off := 12
	prev := ""
	fixed := 40 + hashLen + 2 // stat data, object name, flags
	for i := 0; i < n; i++ {
		start := off
		if off+fixed > len(data) {
			return nil, errors.New("truncated entry")
		}
		flags := binary.BigEndian.Uint16(data[off+40+hashLen:])
		off += fixed
		if version >= 3 && flags&0x4000 != 0 {
			off += 2 // extended flags
		}
		var name string
		if version == 4 {
			strip, w := indexVarint(data[off:])
			if w == 0 || strip > len(prev) {
				return nil, errors.New("bad path prefix")
			}
			off += w
			end := bytes.IndexByte(data[off:], 0)
			if end < 0 {
				return nil, errors.New("truncated path")
			}
			name = prev[:len(prev)-strip] + string(data[off:off+end])
			off += end + 1
		} else {
			end := bytes.IndexByte(data[off:], 0)
			if end < 0 {
				return nil, errors.New("truncated path")
			}
			name = string(data[off : off+end])
			// Entries are padded with 1-8 NULs to a multiple of 8 bytes.
			off = start + (off+end-start+8)&^7
		}
		prev = name
		paths = append(paths, name)
	}
	return paths, nil
}

// indexVarint reads git's offset varint (each continuation adds one before
// shifting) and returns the value and the bytes read, 0 on error.
func indexVarint(b []byte) (int, int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	v := int(c & 0x7f)
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || i > 9 {
			return 0, 0
		}
		c = b[i]
		i++
		v = ((v + 1) << 7) | int(c&0x7f)
	}
	return v, i
}
