package guard

import (
	"bytes"
	"io"
	"os"
)

// memBody is how much of a request body is kept in memory before the rest
// goes to a temporary file.
const memBody = 1 << 20

// bufferBody reads a whole request body before the application sees any
// of it, as nginx does by default (proxy_request_buffering): gunicorn's
// workers are then never held by a slow upload, an oversized body is
// refused before the application starts on it, and a chunked body reaches
// the application with a Content-Length, which WSGI needs (Django reads a
// body without one as empty). length is the declared Content-Length (-1
// or 0 when unknown): room for it is made at once, rather than by
// doubling as the body comes.
func bufferBody(r io.Reader, length int64) (io.ReadCloser, int64, error) {
	var mem bytes.Buffer
	if length > 0 && length <= memBody {
		// bytes.Buffer reads with MinRead bytes free at least: with
		// them, the body and its end fit without another allocation.
		mem.Grow(int(length) + bytes.MinRead)
	}
	n, err := io.CopyN(&mem, r, memBody+1)
	if err == io.EOF {
		return memReader{bytes.NewReader(mem.Bytes())}, n, nil
	}
	if err != nil {
		return nil, 0, err
	}
	f, err := os.CreateTemp("", "djsec-guard-body-*")
	if err != nil {
		return nil, 0, err
	}
	// Unlinked at once: the file disappears with its descriptor, whatever
	// happens to the request.
	os.Remove(f.Name())
	m, err := io.Copy(f, io.MultiReader(&mem, r))
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, m, nil
}

// memReader is a body in memory that can be read again (by the WAF, then
// by the proxy).
type memReader struct{ *bytes.Reader }

func (memReader) Close() error { return nil }
