//go:build !linux

package deps

import (
	"io/fs"
	"os"
)

// lstamp stamps the file at p without following a final symbolic link:
// its type, size and modification time (the change time is not portable).
func lstamp(p string) (stamp, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return stamp{}, err
	}
	return stamp{mode: uint32(info.Mode().Type()), size: info.Size(), mtime: info.ModTime().UnixNano()}, nil
}

func (s stamp) isDir() bool { return fs.FileMode(s.mode)&fs.ModeDir != 0 }
