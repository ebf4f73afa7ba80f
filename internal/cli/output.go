package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/render"
	"github.com/djsec/djsec/internal/report"
)

var formats = map[string]bool{"text": true, "json": true, "sarif": true, "html": true}

func checkFormat(f string) error {
	if !formats[f] {
		return fmt.Errorf("unknown format %q (want text, json, sarif or html)", f)
	}
	return nil
}

// failNever is the --fail-on level no finding reaches.
const failNever = report.Critical + 1

// outputFlags are the flags of every command that writes a report.
type outputFlags struct {
	format, output, failOn string
	severity, confidence   string
	quiet                  bool
}

func (of *outputFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&of.format, "format", "text", "output `FORMAT`: text, json, sarif or html")
	fs.StringVar(&of.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&of.failOn, "fail-on", "", "exit 1 when a finding is at or above `SEVERITY`; never: always exit 0 (default low)")
	fs.StringVar(&of.severity, "severity", "", "report only findings at or above `SEVERITY` (critical, high, medium, low, info)")
	fs.StringVar(&of.confidence, "confidence", "", "report only findings whose confidence is at or above `LEVEL` (high, medium, low)")
	fs.BoolVar(&of.quiet, "quiet", false, "print the findings only: no summary, checklist, notes or progress")
}

// shown is what the output flags decided: which findings a report shows
// and when the exit status is 1.
type shown struct {
	failOn  report.Severity
	minSev  report.Severity
	minConf report.Confidence
}

// check validates the output flags; configFailOn is fail_on from the
// configuration, which --fail-on overrides.
func (of *outputFlags) check(configFailOn string) (shown, error) {
	var sh shown
	if err := checkFormat(of.format); err != nil {
		return sh, err
	}
	var err error
	if sh.failOn, err = failOnLevel(of.failOn, configFailOn); err != nil {
		return sh, err
	}
	if of.severity != "" {
		if sh.minSev, err = report.ParseSeverity(of.severity); err != nil {
			return sh, fmt.Errorf("--severity: %v", err)
		}
	}
	if of.confidence != "" {
		if err := sh.minConf.UnmarshalText([]byte(of.confidence)); err != nil {
			return sh, fmt.Errorf("--confidence: %v (want high, medium or low)", err)
		}
	}
	return sh, nil
}

func failOnLevel(flagValue, configValue string) (report.Severity, error) {
	v := flagValue
	if v == "" {
		v = configValue
	}
	if v == "" {
		return report.Low, nil
	}
	if strings.EqualFold(v, "never") {
		return failNever, nil
	}
	s, err := report.ParseSeverity(v)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %v, or never", err)
	}
	return s, nil
}

// filter keeps the findings --severity and --confidence let through and
// says, in a note, how many it left out, so that a short report is never
// mistaken for a clean one.
func (sh shown) filter(fs []report.Finding, notes []string) ([]report.Finding, []string) {
	if sh.minSev == report.SeverityUnset && sh.minConf == report.ConfidenceUnset {
		return fs, notes
	}
	kept := fs[:0:0]
	for _, f := range fs {
		if f.Severity >= sh.minSev && f.Confidence >= sh.minConf {
			kept = append(kept, f)
		}
	}
	if n := len(fs) - len(kept); n > 0 {
		var by []string
		if sh.minSev != report.SeverityUnset {
			by = append(by, "--severity "+sh.minSev.String())
		}
		if sh.minConf != report.ConfidenceUnset {
			by = append(by, "--confidence "+sh.minConf.String())
		}
		verb := "findings are"
		if n == 1 {
			verb = "finding is"
		}
		notes = append(notes, fmt.Sprintf("%d %s below %s and not shown", n, verb, strings.Join(by, " and ")))
	}
	return kept, notes
}

// writeReport renders r as the output flags ask, to their file or stdout.
// A file is written to a temporary name and renamed, so a crash never
// leaves half a report for CI to read.
func writeReport(e *env, r *report.Report, rules []*analysis.Rule, of *outputFlags, sarif render.SARIFOptions) error {
	infos := make([]report.RuleInfo, len(rules))
	for i, rl := range rules {
		infos[i] = rl.Info()
	}
	// The report is written as it is rendered: a report of many thousand
	// findings is tens of megabytes, not worth holding whole first.
	write := func(w io.Writer) error {
		switch of.format {
		case "json":
			return render.WriteJSON(w, r)
		case "html":
			return render.WriteHTML(w, r, infos)
		case "sarif":
			return render.WriteSARIF(w, r, infos, sarif)
		}
		return render.WriteText(w, r, render.TextOptions{Color: of.output == "" && e.isTerminal, Quiet: of.quiet})
	}
	if of.output == "" {
		return writeTo(e.stdout, write)
	}
	return writeFileAtomic(of.output, write)
}

// writeTo writes through a buffer to w, telling a failure to write
// ("writing report") from one to render ("rendering report").
func writeTo(w io.Writer, write func(io.Writer) error) error {
	tw := &trackedWriter{w: w}
	bw := bufio.NewWriterSize(tw, 64<<10)
	err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	switch {
	case tw.err != nil:
		return fmt.Errorf("writing report: %w", tw.err)
	case err != nil:
		return fmt.Errorf("rendering report: %w", err)
	}
	return nil
}

// trackedWriter keeps the first error of the writer it wraps.
type trackedWriter struct {
	w   io.Writer
	err error
}

func (t *trackedWriter) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.w.Write(p)
	t.err = err
	return n, err
}

// writeFileAtomic writes a file by write: into a temporary file beside it,
// renamed over it once complete, so that a reader never sees half a
// report; a device or a pipe (/dev/null, /dev/stdout) is written through.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
		// /dev/null, a named pipe, /dev/stdout: renaming over them would
		// replace the device with a file, so write through them instead.
		return writeThrough(name, write)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := writeTo(tmp, write); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// exitStatus is 1 when a finding is at or above failOn.
func exitStatus(r *report.Report, failOn report.Severity) int {
	if r.Max() >= failOn {
		return exitFindings
	}
	return exitOK
}

func writeThrough(name string, write func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	if err := writeTo(f, write); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
