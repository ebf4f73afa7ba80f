package project

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
)

// Kind is a set of file kinds; a file can be several at once (every Python
// file is also text, which the secrets rules read).
type Kind uint8

// File kinds.
const (
	Text       Kind = 1 << iota // any file that is not binary
	Python                      // .py and .pyi files
	Template                    // Django templates: .html/.htm/.txt/.xml under a templates folder, not under a jinja2 one
	Nginx                       // nginx configuration: nginx.conf, *.conf under an nginx, sites-* or conf.d folder, *.nginx
	Compose                     // docker-compose.yml, compose.yaml and their variants
	Dockerfile                  // Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile
	Deploy                      // other deployment files, by name: see DeployName
)

// File is one file of the scanned tree. Its content is read on first use and
// can be released once the per-file rules are done with it.
type File struct {
	Path string // relative to the root, with forward slashes
	Abs  string
	Size int64

	mu      sync.Mutex
	content []byte
	err     error
	loaded  bool
	binary  bool
	// known says binary holds the verdict on a file whose content is not
	// loaded: Load read only the start of a binary file, or Release
	// dropped the content.
	known bool
	lines []int // byte offset of the start of each line

	// byName caches NameKind(Path), set by Walk when it makes the file
	// (never later: projects made of the same files share them between
	// goroutines). OfKind asks for it once per file for every rule that
	// lists files.
	byName   Kind
	byNameOK bool
	// walked says that Walk found the file to be a regular one, so that
	// reading it needs no check before the open (see openContent).
	walked bool

	memo     memo
	ruleMemo memo // see RuleMemo
}

// NameKind is NameKind(f.Path), which Walk works out once for each file
// it lists.
func (f *File) NameKind() Kind { return f.nameKind() }

// nameKind is NameKind(f.Path), cached when Walk made the file.
func (f *File) nameKind() Kind {
	if f.byNameOK {
		return f.byName
	}
	return NameKind(f.Path)
}

// NameKind returns the kinds a file has by its name alone. Whether it is text
// is only known once its content is read.
func NameKind(rel string) Kind {
	var k Kind
	ext := strings.ToLower(path.Ext(rel))
	switch ext {
	case ".py", ".pyi":
		k |= Python
	case ".html", ".htm", ".txt", ".xml":
		if inTemplatesDir(rel) {
			k |= Template
		}
	}
	k |= deployKind(rel)
	return k
}

// inTemplatesDir reports whether rel is below a folder named templates and
// not below one named jinja2: Django's Jinja2 backend reads jinja2 folders,
// and projects that use both engines often keep Jinja2 templates in
// templates/jinja2/. Jinja2 is not the Django template language.
func inTemplatesDir(rel string) bool {
	found := false
	dir := path.Dir(rel)
	for dir != "." && dir != "/" && dir != "" {
		switch path.Base(dir) {
		case "templates":
			found = true
		case "jinja2":
			return false
		}
		dir = path.Dir(dir)
	}
	return found
}

// Kind returns the file's kinds; it reads the file to tell text from binary.
func (f *File) Kind() Kind {
	k := f.nameKind()
	if f.Load() == nil && !f.Binary() {
		k |= Text
	} else {
		k = 0
	}
	return k
}

// Load reads the file's content, as Content does, except that of a binary
// file: its first bytes tell that it is binary, and no rule reads images,
// fonts and archives, which are often most of a tree's bytes. It returns
// the error reading the file.
func (f *File) Load() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.loaded && !f.known {
		var binary bool
		f.content, binary, f.err = readText(f.Abs, f.walked)
		if f.err == nil && binary {
			f.binary, f.known = true, true
			return nil
		}
		f.binary = f.err == nil && isBinary(f.content)
		f.loaded = true
	}
	return f.err
}

// Content returns the file's bytes, reading them on first use.
func (f *File) Content() ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.loaded {
		f.content, f.err = readFile(f.Abs, f.walked)
		f.binary = f.err == nil && isBinary(f.content)
		f.loaded = true
	}
	return f.content, f.err
}

// Peek returns the file's bytes as Content does, but reads a file whose
// content is not loaded into *buf, grown as needed, without keeping it:
// a caller that searches every file once, after the runner released those
// no rule reads again (tests among them), would otherwise hold them all to
// the end of the scan, or make garbage of them all while the syntax trees
// are built. Bytes read into *buf are valid until the next call with it.
func (f *File) Peek(buf *[]byte) ([]byte, error) {
	f.mu.Lock()
	if f.loaded {
		defer f.mu.Unlock()
		return f.content, f.err
	}
	f.mu.Unlock()
	fh, size, err := openContent(f.Abs, f.walked)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := readInto(fh, (*buf)[:0], size)
	if cap(data) > cap(*buf) {
		*buf = data[:0]
	}
	return data, err
}

// Binary reports whether the file looks binary (it has a NUL byte near the
// start, as git decides).
func (f *File) Binary() bool {
	f.Load()
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.binary
}

// Release drops the file's content and memoized results to free memory; a
// later Content call reads the file again. Whether the file is binary stays
// known, so Kind does not read it again: project rules that list files by
// kind would otherwise reload every text file of the tree and hold it for
// the rest of the scan.
func (f *File) Release() {
	f.mu.Lock()
	if f.loaded {
		f.known = true
	}
	f.content, f.lines, f.loaded = nil, nil, false
	f.mu.Unlock()
	f.memo.clear()
	f.ruleMemo.clear()
}

// RuleMemo is Memo for what only the per-file rules of this file share (a
// template's events, the secrets found in it), as opposed to what project
// rules read again (syntax trees): a driver drops it with EndRules once
// those rules are done with the file, whose content and Memo values may
// stay for the project rules.
func (f *File) RuleMemo(key string, fn func() any) any { return f.ruleMemo.get(key, fn) }

// EndRules drops the values of RuleMemo.
func (f *File) EndRules() { f.ruleMemo.clear() }

// Line returns the text of 1-based line n without its line ending, or "".
func (f *File) Line(n int) string {
	data, err := f.Content()
	if err != nil || n < 1 {
		return ""
	}
	f.mu.Lock()
	if f.lines == nil {
		f.lines = lineStarts(data)
	}
	starts := f.lines
	f.mu.Unlock()
	if n > len(starts) {
		return ""
	}
	end := len(data)
	if n < len(starts) {
		end = starts[n]
	}
	return strings.TrimRight(string(data[starts[n-1]:end]), "\r\n")
}

// Memo returns the value computed by fn for key, computing it once per file.
// Parsers use it so that every rule reads the same tree.
func (f *File) Memo(key string, fn func() any) any { return f.memo.get(key, fn) }

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 <= len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// binaryHead is how far into a file isBinary looks.
const binaryHead = 8000

func isBinary(data []byte) bool {
	head := data[:min(len(data), binaryHead)]
	return bytes.IndexByte(head, 0) >= 0
}

func readFile(name string, walked bool) ([]byte, error) {
	data, _, err := readContent(name, walked, false)
	return data, err
}

// readText is readFile for a file that is only wanted if it is text: it
// stops after the first bytes of a binary file and returns binary true
// and no content.
func readText(name string, walked bool) (data []byte, binary bool, err error) {
	return readContent(name, walked, true)
}

// readContent reads the file name; walked says that the walk found it to
// be a regular file (see openContent).
func readContent(name string, walked, textOnly bool) (data []byte, binary bool, err error) {
	fh, size, err := openContent(name, walked)
	if err != nil {
		return nil, false, err
	}
	defer fh.Close()
	// One allocation of the file's size, filled by as few reads as the
	// kernel allows; growing a buffer copies a large file several times.
	var head []byte
	if textOnly && size > binaryHead {
		// On the stack: fh's type is concrete, so the buffer does not
		// escape through an interface's Read.
		var buf [binaryHead]byte
		n, err := readFull(fh, buf[:])
		switch {
		case err == io.EOF:
			return slices.Clone(buf[:n]), false, nil // the file shrank since Stat
		case err != nil:
			return nil, false, fmt.Errorf("reading: %w", err)
		case isBinary(buf[:]):
			return nil, true, nil
		}
		head = buf[:]
	}
	data, err = readRest(fh, head, size)
	return data, false, err
}

// readRest reads the rest of a file of size bytes whose first bytes,
// head, were read already. It asks for one byte more than the size: a
// read that ends at the size finds the end of the file as the read of
// nothing after it would, without the extra system call.
func readRest(fh *contentFile, head []byte, size int) ([]byte, error) {
	data, err := readInto(fh, append(make([]byte, 0, size+1), head...), size)
	return data[:len(data):len(data)], err
}

// readInto is readRest reading into buf's memory, grown to the size and
// one byte, after the len(buf) bytes read already.
func readInto(fh *contentFile, buf []byte, size int) ([]byte, error) {
	n := len(buf)
	buf = slices.Grow(buf, size+1-n)[:size+1]
	for n <= size {
		m, err := fh.Read(buf[n:])
		n += m
		switch {
		case err == io.EOF || m == 0 && err == nil:
			return buf[:n], nil // the file shrank since Stat
		case err != nil:
			return nil, fmt.Errorf("reading: %w", err)
		case n == size:
			return buf[:n], nil
		}
	}
	// The file has grown since Stat, or its size is not known.
	rest, err := io.ReadAll(fh)
	if err != nil {
		return nil, fmt.Errorf("reading: %w", err)
	}
	out := make([]byte, 0, n+len(rest))
	return append(append(out, buf...), rest...), nil
}

// readFull fills b from fh, as io.ReadFull does, and returns io.EOF if
// the file ends first.
func readFull(fh *contentFile, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := fh.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, io.EOF
		}
	}
	return n, nil
}

// memo is a concurrency-safe map of lazily computed values.
type memo struct {
	mu sync.Mutex
	m  map[string]*memoEntry
}

type memoEntry struct {
	once sync.Once
	v    any
}

func (m *memo) get(key string, fn func() any) any {
	m.mu.Lock()
	if m.m == nil {
		m.m = map[string]*memoEntry{}
	}
	e := m.m[key]
	if e == nil {
		e = &memoEntry{}
		m.m[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v = fn() })
	return e.v
}

func (m *memo) clear() {
	m.mu.Lock()
	m.m = nil
	m.mu.Unlock()
}

// Migration reports whether rel is a module of a Django migrations
// package (app/migrations/0002_add_price.py): code that manage.py migrate
// runs once, which no request reaches and no application module imports.
// The per-file rules read it like any module; the analyses of the
// program (taint, access) leave it out, and its syntax tree is dropped
// once the per-file rules are done, which on saleor was a fifth of the
// project's code.
func Migration(rel string) bool {
	return path.Base(path.Dir(rel)) == "migrations" && strings.HasSuffix(rel, ".py")
}
