//go:build unix

package project

import (
	"io"
	"os"
	"syscall"
)

// openNonblock keeps open from waiting for a writer when a FIFO took a
// regular file's place between the check and the open.
const openNonblock = syscall.O_NONBLOCK

// openContent opens the file name to read its content, and returns its
// size. Opening it is OpenRegular's work in fewer system calls, which
// count on trees of thousands of small files: a file the walk found to be
// regular (walked) is not checked again before it is opened, since the
// open does not block and the check after it stands; and the file is read
// by system calls of its own, without os.File's registration with the
// poller, which a regular file always refuses.
func openContent(name string, walked bool) (*contentFile, int, error) {
	if !walked {
		info, err := os.Stat(name)
		if err != nil {
			return nil, 0, err
		}
		if !info.Mode().IsRegular() {
			return nil, 0, &os.PathError{Op: "open", Path: name, Err: ErrNotRegular}
		}
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, &os.PathError{Op: "open", Path: name, Err: err}
	}
	var st syscall.Stat_t
	for {
		err = syscall.Fstat(fd, &st)
		if err != syscall.EINTR {
			break
		}
	}
	if err == nil && st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		err = ErrNotRegular
	}
	if err != nil {
		syscall.Close(fd)
		return nil, 0, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return &rawFile{fd: fd, name: name}, int(st.Size), nil
}

// contentFile is a file opened by openContent.
type contentFile = rawFile

// rawFile is a regular file open for reading.
type rawFile struct {
	fd   int
	name string
}

func (f *rawFile) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Close() error { return syscall.Close(f.fd) }
