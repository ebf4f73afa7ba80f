package infra

import (
	"bytes"
	"sort"
	"strings"
	"sync"
)

// Instruction is one Dockerfile instruction with its continuation lines
// joined.
type Instruction struct {
	Cmd   string // upper case: FROM, RUN, ENV, ...
	Args  string // the rest of the instruction, continuations joined by a space
	Flags map[string]string
	Pos   Pos
	// Heredocs are the bodies of <<EOF documents that follow the line.
	Heredocs []string
}

// Stage is one FROM and the instructions up to the next.
type Stage struct {
	From         *Instruction
	Image        string // image reference as written, after ARG substitution when known
	Name         string // AS name, lower case
	Instructions []*Instruction
}

// Dockerfile is a parsed Dockerfile.
type Dockerfile struct {
	Stages []*Stage
	// Args are the ARG instructions before the first FROM.
	Args   []*Instruction
	Errors []Error

	namesOnce sync.Once
	names     map[string][]int // stage indexes by lower-case name, ascending
}

// StageNamed returns the index of the last stage before stage before whose
// name is name (case-insensitive, as FROM matches it), or -1. An index of
// the names is made on first use: rules ask for every FROM, and scanning
// the stages each time made a Dockerfile of thousands of stages quadratic.
func (d *Dockerfile) StageNamed(name string, before int) int {
	d.namesOnce.Do(func() {
		d.names = map[string][]int{}
		for i, st := range d.Stages {
			if st.Name != "" {
				k := strings.ToLower(st.Name)
				d.names[k] = append(d.names[k], i)
			}
		}
	})
	idx := d.names[strings.ToLower(name)]
	j := sort.SearchInts(idx, before) // the first at or after before
	if j == 0 {
		return -1
	}
	return idx[j-1]
}

// maxHeredocs bounds the heredocs of one instruction.
const maxHeredocs = 8

// ParseDockerfile parses a Dockerfile: parser directives (escape), comments,
// line continuations (also across comment lines, as BuildKit does),
// heredocs (<<EOF, <<-EOF, <<"EOF") and multi-stage builds.
func ParseDockerfile(src []byte) *Dockerfile {
	df := &Dockerfile{}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	escape := byte('\\')
	directives := true
	var stage *Stage
	globalArgs := map[string]string{}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") {
			if directives {
				d := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(trimmed[1:]), " ", ""))
				if strings.HasPrefix(d, "escape=") && len(d) == len("escape=")+1 {
					escape = d[len(d)-1]
				}
			}
			continue
		}
		directives = false
		if trimmed == "" {
			continue
		}
		start := Pos{i + 1, len(line) - len(strings.TrimLeft(line, " \t")) + 1}
		// The continuation lines are joined in one growing buffer: adding
		// each to a string of the text so far copied it again, and a RUN
		// of 100,000 lines took seconds.
		text := []byte(trimmed)
		esc := []byte{escape}
		for bytes.HasSuffix(text, esc) && i+1 < len(lines) {
			text = bytes.TrimRight(bytes.TrimSuffix(text, esc), " \t")
			i++
			// Comment and empty lines inside a continuation are skipped.
			for i < len(lines) && (strings.HasPrefix(strings.TrimSpace(lines[i]), "#") || strings.TrimSpace(lines[i]) == "") && i+1 < len(lines) {
				i++
			}
			text = append(append(text, ' '), strings.TrimSpace(lines[i])...)
		}
		cmd, args, _ := strings.Cut(string(bytes.TrimSuffix(text, esc)), " ")
		if j := strings.IndexByte(cmd, '\t'); j >= 0 {
			cmd, args = cmd[:j], cmd[j+1:]+" "+args
		}
		in := &Instruction{Cmd: strings.ToUpper(cmd), Args: strings.TrimSpace(args), Pos: start}
		in.Flags, in.Args = splitFlags(in.Args)
		// Heredocs: the bodies follow the instruction line, each ended by
		// its delimiter alone on a line.
		for _, delim := range heredocDelims(in.Args) {
			if len(in.Heredocs) >= maxHeredocs {
				break
			}
			var body []string
			closed := false
			for i+1 < len(lines) {
				i++
				l := lines[i]
				if strings.TrimSpace(l) == delim.name {
					closed = true
					break
				}
				body = append(body, l)
			}
			if !closed {
				df.Errors = append(df.Errors, Error{start, "heredoc " + delim.name + " is never closed"})
			}
			in.Heredocs = append(in.Heredocs, strings.Join(body, "\n"))
		}
		switch in.Cmd {
		case "FROM":
			fields := strings.Fields(in.Args)
			stage = &Stage{From: in}
			if len(fields) > 0 {
				stage.Image = substArgs(fields[0], globalArgs)
			}
			if len(fields) >= 3 && strings.EqualFold(fields[1], "as") {
				stage.Name = strings.ToLower(fields[2])
			}
			df.Stages = append(df.Stages, stage)
		case "ARG":
			if stage == nil {
				df.Args = append(df.Args, in)
				for _, kv := range ParseKeyValues(in.Args, false) {
					if kv.HasValue {
						globalArgs[kv.Key] = kv.Value
					}
				}
			}
		}
		if stage != nil && in.Cmd != "FROM" {
			stage.Instructions = append(stage.Instructions, in)
		} else if stage == nil && in.Cmd != "ARG" {
			df.Errors = append(df.Errors, Error{start, in.Cmd + " before the first FROM"})
		}
	}
	return df
}

// splitFlags takes the leading --name=value flags off an instruction's
// arguments (COPY --from=build, RUN --mount=...).
func splitFlags(args string) (map[string]string, string) {
	var flags map[string]string
	for strings.HasPrefix(args, "--") {
		f, rest, _ := strings.Cut(args, " ")
		name, val, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if flags == nil {
			flags = map[string]string{}
		}
		flags[name] = val
		args = strings.TrimSpace(rest)
	}
	return flags, args
}

type heredoc struct {
	name  string
	strip bool
}

// heredocDelims finds the <<WORD heredoc markers of an instruction.
func heredocDelims(args string) []heredoc {
	var out []heredoc
	for i := 0; i+2 < len(args) && len(out) < maxHeredocs; i++ {
		if args[i] != '<' || args[i+1] != '<' || (i > 0 && args[i-1] == '<') {
			continue
		}
		j := i + 2
		h := heredoc{}
		if j < len(args) && args[j] == '-' {
			h.strip = true
			j++
		}
		quote := byte(0)
		if j < len(args) && (args[j] == '"' || args[j] == '\'') {
			quote = args[j]
			j++
		}
		k := j
		for k < len(args) && isNameChar(args[k]) {
			k++
		}
		if k == j {
			continue
		}
		h.name = args[j:k]
		if quote != 0 && (k >= len(args) || args[k] != quote) {
			continue
		}
		out = append(out, h)
		i = k
	}
	return out
}

// KeyValue is one KEY=VALUE (or KEY VALUE) of an ENV, ARG or LABEL.
type KeyValue struct {
	Key, Value string
	HasValue   bool
}

// ParseKeyValues splits ENV/ARG arguments: KEY=VALUE pairs with shell
// quoting, or, when legacy is true and there is no '=', the old ENV KEY VALUE
// form.
func ParseKeyValues(s string, legacy bool) []KeyValue {
	s = strings.TrimSpace(s)
	first, rest, _ := strings.Cut(s, " ")
	if legacy && !strings.Contains(first, "=") && rest != "" {
		return []KeyValue{{Key: first, Value: unquote(strings.TrimSpace(rest)), HasValue: true}}
	}
	var out []KeyValue
	for _, w := range shellWords(s) {
		k, v, ok := strings.Cut(w, "=")
		out = append(out, KeyValue{Key: k, Value: v, HasValue: ok})
	}
	return out
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// shellWords splits s at unquoted blanks and removes the quotes.
func shellWords(s string) []string {
	var out []string
	var sb strings.Builder
	in := false
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' && i+1 < len(s) {
				i++
				sb.WriteByte(s[i])
			} else {
				sb.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == '\\' && i+1 < len(s):
			i++
			sb.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\t':
			if in {
				out = append(out, sb.String())
				sb.Reset()
				in = false
			}
		default:
			sb.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, sb.String())
	}
	return out
}

// substArgs replaces $NAME and ${NAME} in a FROM image by the global ARG
// defaults; unknown names stay as written.
func substArgs(s string, args map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	r := Interpolate(s, func(k string) (string, bool) { v, ok := args[k]; return v, ok })
	if len(r.Defaulted) > 0 {
		return s
	}
	return r.Value
}
