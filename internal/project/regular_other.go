//go:build !unix

package project

import "os"

const openNonblock = 0

// contentFile is a file opened by openContent.
type contentFile = os.File

// openContent opens the file name to read its content, and returns its
// size.
func openContent(name string, walked bool) (*contentFile, int, error) {
	fh, err := OpenRegular(name)
	if err != nil {
		return nil, 0, err
	}
	size := 0
	if info, err := fh.Stat(); err == nil {
		size = int(info.Size())
	}
	return fh, size, nil
}
