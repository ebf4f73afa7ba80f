// Package code holds the rules that read a project's Python code: the
// DJC1xx rules follow request data to dangerous calls with the taint engine
// (internal/taint), the DJC2xx rules match patterns precise enough to need
// no data flow.
package code

import (
	"fmt"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/pysrc"
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
		ORMLookupFromRequest, AccessAttributeMisspelled, DefaultAdminAccount,
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
	return func(pass *analysis.Pass) {
		prog := load(pass)
		res := taint.Analyze(pass.Project, taintSpecs())
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
			pass.Report(d)
		}
	}
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
