package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// A report of many thousand findings made a JSON or SARIF document of
// tens of megabytes in memory, several times over while the encoder's
// buffer grew. writeStreamed writes the same bytes with one element of the
// long array in memory at a time: the document is encoded with the array
// empty, and the elements are written in its place, each indented as the
// encoder would have indented it there.

// encodeIndented encodes v as enc would with SetIndent(prefix, "  ") and
// HTML left unescaped, without the newline Encode adds.
func encodeIndented(buf *bytes.Buffer, v any, prefix string) error {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1)
	return nil
}

// writeStreamed writes doc, whose field key holds an empty array (the
// only line that reads `"key": []`), with n elements in its place: elem(i)
// returns the i-th. The bytes are those of encoding doc with the elements
// in the array.
func writeStreamed(w io.Writer, doc any, key string, n int, elem func(i int) any) error {
	var head bytes.Buffer
	if err := encodeIndented(&head, doc, ""); err != nil {
		return err
	}
	src := head.Bytes()
	marker := []byte(`"` + key + `": []`)
	at := bytes.Index(src, marker)
	if at < 0 || bytes.Count(src, marker) != 1 {
		return fmt.Errorf("render: no single empty %q array to write the elements into", key)
	}
	lineStart := bytes.LastIndexByte(src[:at], '\n') + 1
	indent := string(src[lineStart:at]) // the key's own indentation
	open := at + len(marker) - 1        // the "]" of "[]"
	bw := &errWriter{w: w}
	bw.write(src[:open])
	if n > 0 {
		var buf bytes.Buffer
		for i := 0; i < n; i++ {
			if err := encodeIndented(&buf, elem(i), indent+"  "); err != nil {
				return err
			}
			if i == 0 {
				bw.write([]byte("\n"))
			} else {
				bw.write([]byte(",\n"))
			}
			bw.write([]byte(indent + "  "))
			bw.write(buf.Bytes())
		}
		bw.write([]byte("\n" + indent))
	}
	bw.write(src[open:])
	bw.write([]byte("\n"))
	return bw.err
}

// errWriter keeps the first error of a run of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}
