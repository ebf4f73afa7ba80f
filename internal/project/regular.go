package project

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular is the error for a path that names a FIFO, a device, a
// socket or a directory where a file was expected.
var ErrNotRegular = errors.New("not a regular file")

// OpenRegular opens name for reading only if it is a regular file. Opening
// a FIFO for reading blocks until someone writes to it, and reading a device
// may never end: a scanned tree is written by whoever wrote the repository,
// so a FIFO named .djsec.toml, .gitignore or settings.py must not hang the
// scan. The file is checked before it is opened (so that a FIFO is never
// opened), opened without blocking where the system allows it, and checked
// again once open, in case it was replaced in between.
func OpenRegular(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = ErrNotRegular
		}
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// ReadRegular reads the regular file name, refusing anything else (see
// OpenRegular) and files larger than limit bytes (0: no limit).
func ReadRegular(name string, limit int64) ([]byte, error) {
	f, err := OpenRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if limit > 0 {
		if info, err := f.Stat(); err == nil && info.Size() > limit {
			return nil, &os.PathError{Op: "read", Path: name, Err: fmt.Errorf("larger than %s", humanSize(limit))}
		}
		return io.ReadAll(io.LimitReader(f, limit+1))
	}
	return io.ReadAll(f)
}
