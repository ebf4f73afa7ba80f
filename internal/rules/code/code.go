// Package code holds the rules that read a project's Python code: the
// DJC1xx rules follow request data to dangerous calls with the taint engine
// (internal/taint), the DJC2xx rules match patterns precise enough to need
// no data flow.
package code

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// Rules returns the code rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		SQLInjection, XSSInResponse, OpenRedirect, CommandInjection, CodeInjection, TemplateInjection,
		PathTraversal, SSRF, UnsafeDeserialization, XXE, LDAPInjection, LogInjection,
		CSRFExemptStateChange, TLSVerificationDisabled, WeakHashForSecret, InsecureRandom, ModelFormAllFields,
		SerializerSensitiveFields, CookieWithoutFlags, UploadClientFilename, HardcodedCredential, DebugEnabledInCode,
		AssertAccessControl, InsecureTempfile, UnauthenticatedStateChange, MassAssignment,
		ClientControlledAccess, MissingObjectAuthorization, CredentialComparedWithLiteral, UserChosenByRequest, AccessMixinAfterView, FormTakesOwner,
		RawHostHeader, StateChangeOnGet, StackTraceInResponse, FormatHTMLWithoutArgs, ModelTextMarkedSafe,
		ORMLookupFromRequest, AccessAttributeMisspelled, DefaultAdminAccount, PermissionAsLoginURL,
	}
}

// taintSpecs are the sinks, sanitizers and guards of every taint rule,
// each declared in its rule's file: the engine runs once per scan for all
// of them. They are indexed by the first scan that runs a taint rule, not
// by every command at start.
var taintSpecs = sync.OnceValue(func() *taint.Config {
	return taint.NewConfig(sqlSinks, xssSinks, redirectSinks, commandSinks, codeSinks, templateSinks,
		pathSinks, ssrfSinks, deserializeSinks, xmlSinks, ldapSinks, logSinks, massAssignmentSinks, ormLookupSinks)
})

// taintRun reports the taint findings of one rule's sink kind; format
// receives the source and the sink.
func taintRun(spec *taint.Spec, format string) func(*analysis.Pass) {
	return taintRunWith(spec, format, nil)
}

// taintRunWith is taintRun with adjust, when set, given each diagnostic
// before it is reported, to weigh what the flow's source says.
func taintRunWith(spec *taint.Spec, format string, adjust func(taint.Finding, *analysis.Diagnostic)) func(*analysis.Pass) {
	return taintRunner(spec, format, adjust, false)
}

// taintRunBySource is taintRun for a rule whose fix is at the source (an
// allow-list of the keys a client may send): the findings whose data
// comes from one read of the request and reaches calls of one name in
// one file are one finding (sameSource).
func taintRunBySource(spec *taint.Spec, format string) func(*analysis.Pass) {
	return taintRunner(spec, format, nil, true)
}

func taintRunner(spec *taint.Spec, format string, adjust func(taint.Finding, *analysis.Diagnostic), bySource bool) func(*analysis.Pass) {
	return func(pass *analysis.Pass) {
		prog := load(pass)
		res := taint.Analyze(pass.Project, taintSpecs())
		sinks := sameSource{rule: pass.Rule.Severity}
		for _, f := range res.Of(spec.Kind) {
			d := analysis.Diagnostic{
				Location: f.Location,
				Message:  fmt.Sprintf(format, f.Source, f.Sink),
				Flow:     f.Flow,
			}
			if adjust != nil {
				adjust(f, &d)
			}
			lowerForStaff(pass.Project, prog, f, &d)
			lowerForDevOnly(prog, f, &d)
			if !bySource {
				pass.Report(d)
				continue
			}
			sinks.add(f, d)
		}
		sinks.report(pass)
	}
}

// sameSource gathers the findings of one rule whose data comes from the
// same read of the request and reaches calls of the same name in the
// same file: a filter backend that builds six Q(**{k: v}) from one loop
// over request.GET is one thing to fix, at the source, and is reported
// once, at its first sink, naming the other lines (Diagnostic.Covers).
type sameSource struct {
	rule   report.Severity // what an unset severity stands for
	groups []*sinkGroup
	index  map[string]*sinkGroup
}

type sinkGroup struct {
	d     analysis.Diagnostic
	lines []int
}

func (s *sameSource) add(f taint.Finding, d analysis.Diagnostic) {
	if len(f.Flow) == 0 {
		s.groups = append(s.groups, &sinkGroup{d: d})
		return
	}
	src := f.Flow[0].Location
	key := fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s\x00%s", src.Path, src.Line, src.Column, f.Source, f.Sink, f.Location.Path)
	if g := s.index[key]; g != nil {
		if f.Location.Line != g.d.Location.Line && !slices.Contains(g.lines, f.Location.Line) {
			g.lines = append(g.lines, f.Location.Line)
		}
		if s.severity(d) > s.severity(g.d) {
			g.d.Severity, g.d.Confidence = d.Severity, d.Confidence
		}
		return
	}
	if s.index == nil {
		s.index = map[string]*sinkGroup{}
	}
	g := &sinkGroup{d: d}
	s.index[key] = g
	s.groups = append(s.groups, g)
}

func (s *sameSource) report(pass *analysis.Pass) {
	for _, g := range s.groups {
		if len(g.lines) > 0 {
			slices.Sort(g.lines)
			g.d.Covers = g.lines
			g.d.Message += fmt.Sprintf("; the same data reaches it again on line%s %s", plural(len(g.lines)), joinLines(g.lines))
		}
		pass.Report(g.d)
	}
}

// severity is a diagnostic's severity, the rule's when unset.
func (s *sameSource) severity(d analysis.Diagnostic) report.Severity {
	if d.Severity == report.SeverityUnset {
		return s.rule
	}
	return d.Severity
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func joinLines(lines []int) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strconv.Itoa(l)
	}
	return strings.Join(parts, ", ")
}

// load returns the project's parsed Python and records the syntax errors of
// files it could only partly parse (the runner shows each problem once).
func load(pass *analysis.Pass) *taint.Program {
	prog := taint.Load(pass.Project)
	for _, m := range prog.Modules {
		if m.Err != nil {
			pysrc.Module(pass, m.File)
		}
	}
	return prog
}
