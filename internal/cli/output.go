package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

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

// writeReport renders r in format to output ("" for stdout). A file is
// written to a temporary name and renamed, so a crash never leaves half a
// report for CI to read.
func writeReport(e *env, r *report.Report, rules []*analysis.Rule, format, output string) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = render.WriteJSON(&buf, r)
	case "html":
		err = render.WriteHTML(&buf, r)
	case "sarif":
		infos := make([]report.RuleInfo, len(rules))
		for i, rl := range rules {
			infos[i] = rl.Info()
		}
		err = render.WriteSARIF(&buf, r, infos)
	default:
		err = render.WriteText(&buf, r, render.TextOptions{Color: output == "" && e.isTerminal})
	}
	if err != nil {
		return fmt.Errorf("rendering report: %w", err)
	}
	if output == "" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(output, buf.Bytes())
}

func writeFileAtomic(name string, data []byte) error {
	if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
		// /dev/null, a named pipe, /dev/stdout: renaming over them would
		// replace the device with a file, so write through them instead.
		return writeThrough(name, data)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing report: %w", err)
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

func writeThrough(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing report: %w", err)
	}
	return f.Close()
}
