// Package pysrc connects the Python parser to the scan: it parses each file
// once however many rules and evaluators read it, and reports a syntax error
// as a problem of the run once. It is the bridge that keeps python a leaf;
// it imports neither the rule framework nor any rule, so the evaluators that
// read Python (settings, taint) do not depend on them either.
package pysrc

import (
	"errors"
	"fmt"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// MaxParse is the size of the largest Python file parsed. A syntax tree
// takes about fifteen times its source, and hand-written modules stay far
// below a megabyte; a file beyond this is generated data (or written to
// exhaust memory), which the text rules (secrets) still read.
const MaxParse = 4 << 20

// ErrTooLarge is the error of Parse for a file larger than MaxParse.
var ErrTooLarge = fmt.Errorf("larger than the %d MB of Python source djsec parses; only the text rules (secrets) read it", MaxParse>>20)

type parsed struct {
	mod *python.Module
	err error
}

// Parse returns the file's module, parsing it on first use. On a syntax
// error the module is partial (what came before and after the error) and
// err is a python.ErrorList.
func Parse(f *project.File) (*python.Module, error) {
	v := f.Memo("python", func() any {
		if f.Size > MaxParse {
			return parsed{err: ErrTooLarge}
		}
		src, err := f.Content()
		if err != nil {
			return parsed{err: err}
		}
		// The content is never written to once read, so the module may
		// share it rather than hold a second copy of the source.
		m, err := python.ParseFileShared(f.Path, src)
		return parsed{m, err}
	}).(parsed)
	return v.mod, v.err
}

// Problems is where Module records what it could not read: an
// *analysis.Pass, or any driver's own collector.
type Problems interface {
	Problem(loc report.Location, format string, args ...any)
}

// Module returns f's module for a rule and records a syntax error as a
// problem of the scan (once, whichever rule meets it first). It returns nil
// only when the file could not be read; a partial module is still returned,
// so rules can report what they can prove in the rest of the file.
func Module(pass Problems, f *project.File) *python.Module {
	m, err := Parse(f)
	if err == nil {
		return m
	}
	var el python.ErrorList
	if errors.As(err, &el) && len(el) > 0 {
		e := el[0]
		pass.Problem(report.Location{Path: f.Path, Line: e.Pos.Line, Column: e.Pos.Col + 1},
			"not valid Python 3 (%s); findings in this file may be incomplete", e.Msg)
		return m
	}
	if errors.Is(err, ErrTooLarge) {
		pass.Problem(report.Location{Path: f.Path}, "not parsed: %v", err)
		return m
	}
	pass.Problem(report.Location{Path: f.Path}, "cannot read: %v", err)
	return m
}
