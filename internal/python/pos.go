package python

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Pos is a compact source position: the byte offset into the file's UTF-8
// text plus one, so that the zero value NoPos means "no position". A File
// turns it into a line and column.
type Pos int32

// NoPos is the zero Pos.
const NoPos Pos = 0

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p != NoPos }

// Position is a decoded position with CPython's conventions: Line counts
// from 1 and Col is the 0-based offset in UTF-8 bytes from the start of the
// line (ast's lineno and col_offset).
type Position struct {
	Filename string
	Offset   int // byte offset into the UTF-8 text
	Line     int
	Col      int
}

func (p Position) String() string {
	if p.Filename == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Col)
}

// File is the line table of one parsed file. Positions refer to the file
// after decoding to UTF-8 and removing a BOM, as in CPython.
type File struct {
	Name string
	Size int
	src  string // the decoded text; identifiers in the tree share it

	// The table is made when the first position is decoded: a scan
	// decodes positions in few of its files (netbox: 129 of 1220), and
	// finding every line break of the others cost a pass over each.
	once  sync.Once
	count int // number of lines
	// lines holds the offset of the first byte of every stride-th line
	// (lines 1, 1+stride, 1+2*stride, ...); Position counts the line
	// breaks between that line and the position. The table lives as long
	// as the tree, and one entry per line was a few percent of the memory
	// of a scan.
	lines  []int32
	stride int
}

// lineStride is the stride of a line table. Position then reads a few
// hundred bytes at most, with strings.Count, for each position decoded.
const lineStride = 16

func newFile(name string, src string) *File {
	return &File{Name: name, Size: len(src), src: src}
}

// table makes the line table, once.
func (f *File) table() { f.once.Do(f.makeTable) }

func (f *File) makeTable() {
	src := f.src
	f.stride = lineStride
	if strings.IndexByte(src, '\r') >= 0 {
		// Decoded source has only \n line breaks; text with \r or \r\n
		// (ParseExpr's) gets an entry for every line, so that Position
		// needs no counting.
		f.stride = 1
		f.lines = make([]int32, 1, strings.Count(src, "\n")+strings.Count(src, "\r")+1)
		for i := 0; i < len(src); i++ {
			switch src[i] {
			case '\n':
				f.lines = append(f.lines, int32(i+1))
			case '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				f.lines = append(f.lines, int32(i+1))
			}
		}
		f.count = len(f.lines)
		return
	}
	f.count = strings.Count(src, "\n") + 1
	f.lines = make([]int32, 1, (f.count+lineStride-1)/lineStride)
	for line, i := 1, 0; ; line++ {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		if line%lineStride == 0 {
			f.lines = append(f.lines, int32(i))
		}
	}
}

// Position decodes p.
func (f *File) Position(p Pos) Position {
	if p == NoPos {
		return Position{Filename: f.Name}
	}
	f.table()
	off := int(p) - 1
	i := sort.Search(len(f.lines), func(i int) bool { return int(f.lines[i]) > off }) - 1
	if i < 0 {
		i = 0
	}
	line, start := i*f.stride, int(f.lines[i])
	if f.stride > 1 && off > start {
		seg := f.src[start:min(off, len(f.src))]
		if n := strings.Count(seg, "\n"); n > 0 {
			line += n
			start += strings.LastIndexByte(seg, '\n') + 1
		}
	}
	return Position{Filename: f.Name, Offset: off, Line: line + 1, Col: off - start}
}

// Range returns the start and end of n: CPython's (lineno, col_offset)
// and (end_lineno, end_col_offset).
func (f *File) Range(n Node) (start, end Position) {
	return f.Position(n.Pos()), f.Position(n.End())
}

// Source returns the decoded source text that positions refer to: UTF-8,
// without a BOM, with newlines translated to \n.
func (f *File) Source() string { return f.src }

// Segment returns the source text of n, like ast.get_source_segment: the
// original spelling of a literal such as 0x_FF or 'a' "b".
func (f *File) Segment(n Node) string {
	from, to := int(n.Pos())-1, int(n.End())-1
	if from < 0 || to > len(f.src) || from > to {
		return ""
	}
	return f.src[from:to]
}

// Line returns the 1-based line of p (CPython's lineno).
func (f *File) Line(p Pos) int { return f.Position(p).Line }

// Col returns the 0-based UTF-8 byte column of p (CPython's col_offset).
func (f *File) Col(p Pos) int { return f.Position(p).Col }

// LineCount returns the number of lines.
func (f *File) LineCount() int {
	f.table()
	return f.count
}

// Error is a syntax error at a position.
type Error struct {
	Pos Position
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is a list of syntax errors sorted by position. ParseFile
// returns one as its error; errors.As finds it through wrapping.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	b.WriteString(l[0].Error())
	fmt.Fprintf(&b, " (and %d more errors)", len(l)-1)
	return b.String()
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sort orders the list by position, keeping the first error at a position.
func (l *ErrorList) Sort() {
	sort.SliceStable(*l, func(i, j int) bool { return (*l)[i].Pos.Offset < (*l)[j].Pos.Offset })
}
