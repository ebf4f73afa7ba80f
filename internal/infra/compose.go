package infra

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/djsec/djsec/internal/nesting"
)

// Str is a scalar of a deployment file after interpolation, with its
// position and the text as written.
type Str struct {
	Value string
	Raw   string
	Pos   Pos
	// Defaulted lists the variables that were unset, so that the value is
	// their default.
	Defaulted []string
	Vars      []string
}

// EnvVar is one variable a deployment file gives a container.
type EnvVar struct {
	Name     string
	Value    Str
	HasValue bool // false for "- NAME", which passes the host's value through
}

// Port is one entry of a service's ports.
type Port struct {
	Str
	HostIP    string // "" when the port is published on every interface
	Published string // host port, "" for a random one
	Target    string // container port
}

// Service is one service of a compose file.
type Service struct {
	Name        string
	Pos         Pos
	Image       *Str
	Build       *Str // the build context
	Dockerfile  *Str // build.dockerfile
	Command     *Str
	Entrypoint  *Str
	Privileged  *Str
	NetworkMode *Str
	Pid         *Str
	User        *Str
	Ports       []Port
	Volumes     []Str    // the source of each volume ("/var/run/docker.sock", "db-data", "..")
	Targets     []string // the container path of each volume, parallel to Volumes
	BuildTarget *Str     // build.target: the stage of a multi-stage Dockerfile
	Environment []EnvVar
	EnvFiles    []Str
	CapAdd      []Str
	SecurityOpt []Str
	Networks    []string
	Profiles    []Str // the profiles that start it; none: it always starts
	// HostNames are the names the service knows other hosts by or is
	// known by: extra_hosts entries ("shop.test:127.0.0.1") and network
	// aliases.
	HostNames []string
	DependsOn []string // the services it starts after
	// Extends is set when the service extends another (extends:), whose
	// keys it takes where it sets none: what it declares is not all it has.
	Extends bool
	// ExtendsFile and ExtendsService name the service it extends: the
	// file ("" for this one) and the service's name in it.
	ExtendsFile, ExtendsService string
}

// Compose is a parsed compose file.
type Compose struct {
	Services []*Service
	Errors   []Error
}

// Service returns the service of that name, or nil.
func (c *Compose) Service(name string) *Service {
	for _, s := range c.Services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// ParseCompose parses a compose file, substituting variables with lookup
// (the environment and the project's .env file; unset variables take their
// defaults). Malformed YAML gives an error and no services; unexpected
// shapes of known keys are skipped.
func ParseCompose(src []byte, lookup func(string) (string, bool)) *Compose {
	c := &Compose{}
	if lookup == nil {
		lookup = func(string) (string, bool) { return "", false }
	}
	if err := checkNesting(src); err != nil {
		c.Errors = append(c.Errors, *err)
		return c
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		c.Errors = append(c.Errors, yamlError(err))
		return c
	}
	root := docRoot(&doc)
	if root == nil || root.Kind != yaml.MappingNode {
		return c
	}
	p := &composeParser{lookup: lookup}
	services := mapGet(root, "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return c
	}
	for i := 0; i+1 < len(services.Content); i += 2 {
		k, v := services.Content[i], services.Content[i+1]
		v = deref(v)
		if v == nil || v.Kind != yaml.MappingNode {
			continue
		}
		c.Services = append(c.Services, p.service(k, v))
	}
	return c
}

// MaxYAML bounds the YAML and JSON decoded: the decoder's node tree takes
// about twenty times the text, and deployment files are kilobytes.
const MaxYAML = 2 << 20

// checkNesting refuses, before the decoder sees them, YAML or JSON larger
// than MaxYAML or whose flow collections nest deeper than nesting.Max.
func checkNesting(src []byte) *Error {
	if len(src) > MaxYAML {
		return &Error{Pos{1, 1}, fmt.Sprintf("not decoded: larger than the %d MB of YAML or JSON djsec decodes", MaxYAML>>20)}
	}
	var ne *nesting.Error
	if err := nesting.Check(src); errors.As(err, &ne) {
		return &Error{Pos{ne.Line, 1}, "not decoded: " + ne.Error()}
	}
	return nil
}

func yamlError(err error) Error {
	msg := err.Error()
	line := 1
	// "yaml: line 12: did not find expected key"
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return Error{Pos{line, 1}, strings.TrimPrefix(msg, "yaml: ")}
}

func docRoot(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return deref(doc.Content[0])
	}
	return nil
}

// deref follows YAML aliases (bounded: yaml.v3 refuses alias cycles).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 10; i++ {
		n = n.Alias
	}
	return n
}

// mapGet returns the value of key in a mapping, following merge keys (<<).
func mapGet(m *yaml.Node, key string) *yaml.Node {
	return mapGetDepth(m, key, 0, map[*yaml.Node]bool{})
}

func mapGetDepth(m *yaml.Node, key string, depth int, seen map[*yaml.Node]bool) *yaml.Node {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 10 || seen[m] {
		// a mapping merged in twice holds the key the first time or not
		// at all: anchors merged many times over would otherwise make the
		// lookup exponential in their depth
		return nil
	}
	seen[m] = true
	var merged *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Value == key {
			return deref(m.Content[i+1])
		}
		if k.Value == "<<" && merged == nil {
			v := deref(m.Content[i+1])
			if v != nil && v.Kind == yaml.SequenceNode {
				for _, e := range v.Content {
					if r := mapGetDepth(e, key, depth+1, seen); r != nil {
						merged = r
						break
					}
				}
			} else if r := mapGetDepth(v, key, depth+1, seen); r != nil {
				merged = r
			}
		}
	}
	return merged
}

func posOf(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

type composeParser struct {
	lookup func(string) (string, bool)
}

func (p *composeParser) str(n *yaml.Node) *Str {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return nil
	}
	r := Interpolate(n.Value, p.lookup)
	return &Str{Value: r.Value, Raw: n.Value, Pos: posOf(n), Defaulted: r.Defaulted, Vars: r.Vars}
}

func (p *composeParser) strs(n *yaml.Node) []Str {
	n = deref(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []Str{*p.str(n)}
	}
	var out []Str
	if n.Kind == yaml.SequenceNode {
		for _, e := range n.Content {
			if s := p.str(e); s != nil {
				out = append(out, *s)
			}
		}
	}
	return out
}

func (p *composeParser) service(k, v *yaml.Node) *Service {
	s := &Service{Name: k.Value, Pos: posOf(k)}
	s.Image = p.str(mapGet(v, "image"))
	if ext := mapGet(v, "extends"); ext != nil {
		s.Extends = true
		if ext.Kind == yaml.ScalarNode {
			s.ExtendsService = ext.Value // extends: app, in this file
		} else {
			if f := mapGet(ext, "file"); f != nil && f.Kind == yaml.ScalarNode {
				s.ExtendsFile = f.Value
			}
			if n := mapGet(ext, "service"); n != nil && n.Kind == yaml.ScalarNode {
				s.ExtendsService = n.Value
			}
		}
	}
	if b := mapGet(v, "build"); b != nil {
		if b.Kind == yaml.ScalarNode {
			s.Build = p.str(b)
		} else {
			s.Build = p.str(mapGet(b, "context"))
			s.BuildTarget = p.str(mapGet(b, "target"))
			s.Dockerfile = p.str(mapGet(b, "dockerfile"))
		}
	}
	s.Command = p.commandLine(mapGet(v, "command"))
	s.Entrypoint = p.commandLine(mapGet(v, "entrypoint"))
	s.Privileged = p.str(mapGet(v, "privileged"))
	s.NetworkMode = p.str(mapGet(v, "network_mode"))
	s.Pid = p.str(mapGet(v, "pid"))
	s.User = p.str(mapGet(v, "user"))
	s.CapAdd = p.strs(mapGet(v, "cap_add"))
	s.SecurityOpt = p.strs(mapGet(v, "security_opt"))
	if ports := mapGet(v, "ports"); ports != nil && ports.Kind == yaml.SequenceNode {
		for _, e := range ports.Content {
			e = deref(e)
			if e == nil {
				continue
			}
			if e.Kind == yaml.MappingNode {
				pt := Port{Str: Str{Pos: posOf(e)}}
				if t := p.str(mapGet(e, "target")); t != nil {
					pt.Target = t.Value
				}
				if t := p.str(mapGet(e, "published")); t != nil {
					pt.Published = t.Value
				}
				if t := p.str(mapGet(e, "host_ip")); t != nil {
					pt.HostIP = t.Value
				}
				pt.Raw = fmt.Sprintf("%s:%s", pt.Published, pt.Target)
				pt.Value = pt.Raw
				s.Ports = append(s.Ports, pt)
				continue
			}
			if st := p.str(e); st != nil {
				s.Ports = append(s.Ports, parsePort(*st))
			}
		}
	}
	if vols := mapGet(v, "volumes"); vols != nil && vols.Kind == yaml.SequenceNode {
		for _, e := range vols.Content {
			e = deref(e)
			if e == nil {
				continue
			}
			if e.Kind == yaml.MappingNode {
				if src := p.str(mapGet(e, "source")); src != nil {
					s.Volumes = append(s.Volumes, *src)
					target := ""
					if t := p.str(mapGet(e, "target")); t != nil {
						target = t.Value
					}
					s.Targets = append(s.Targets, target)
				}
				continue
			}
			if st := p.str(e); st != nil {
				parts := strings.Split(st.Value, ":")
				st.Value = parts[0]
				target := ""
				if len(parts) > 1 {
					target = parts[1]
				}
				s.Volumes = append(s.Volumes, *st)
				s.Targets = append(s.Targets, target)
			}
		}
	}
	if env := mapGet(v, "environment"); env != nil {
		switch env.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(env.Content); i += 2 {
				name, val := env.Content[i], deref(env.Content[i+1])
				ev := EnvVar{Name: name.Value, Value: Str{Pos: posOf(name)}}
				if val != nil && val.Kind == yaml.ScalarNode && val.Tag != "!!null" {
					ev.Value, ev.HasValue = *p.str(val), true
				}
				s.Environment = append(s.Environment, ev)
			}
		case yaml.SequenceNode:
			for _, e := range env.Content {
				st := p.str(e)
				if st == nil {
					continue
				}
				name, val, ok := strings.Cut(st.Raw, "=")
				ev := EnvVar{Name: strings.TrimSpace(name), Value: Str{Pos: st.Pos}}
				if ok {
					r := Interpolate(val, p.lookup)
					ev.Value = Str{Value: r.Value, Raw: val, Pos: st.Pos, Defaulted: r.Defaulted, Vars: r.Vars}
					ev.HasValue = true
				}
				s.Environment = append(s.Environment, ev)
			}
		}
	}
	if ef := mapGet(v, "env_file"); ef != nil {
		if ef.Kind == yaml.SequenceNode {
			for _, e := range ef.Content {
				e = deref(e)
				if e != nil && e.Kind == yaml.MappingNode {
					if pth := p.str(mapGet(e, "path")); pth != nil {
						s.EnvFiles = append(s.EnvFiles, *pth)
					}
				} else if st := p.str(e); st != nil {
					s.EnvFiles = append(s.EnvFiles, *st)
				}
			}
		} else if st := p.str(ef); st != nil {
			s.EnvFiles = append(s.EnvFiles, *st)
		}
	}
	s.Profiles = p.strs(mapGet(v, "profiles"))
	if nw := mapGet(v, "networks"); nw != nil {
		s.Networks = entryNames(nw)
		sort.Strings(s.Networks)
		if nw.Kind == yaml.MappingNode {
			for i := 1; i < len(nw.Content); i += 2 {
				for _, a := range p.strs(mapGet(nw.Content[i], "aliases")) {
					s.HostNames = append(s.HostNames, a.Value)
				}
			}
		}
	}
	s.DependsOn = entryNames(mapGet(v, "depends_on"))
	for _, h := range entryNames(mapGet(v, "extra_hosts")) {
		// "shop.test:127.0.0.1", "shop.test=127.0.0.1", or a mapping's key
		name, _, _ := strings.Cut(h, ":")
		name, _, _ = strings.Cut(name, "=")
		s.HostNames = append(s.HostNames, name)
	}
	return s
}

// entryNames returns the entries of a list, or the keys of a mapping,
// which compose accepts alike for networks, depends_on and extra_hosts.
func entryNames(n *yaml.Node) []string {
	var out []string
	switch n = deref(n); {
	case n == nil:
	case n.Kind == yaml.SequenceNode:
		for _, e := range n.Content {
			if e = deref(e); e.Kind == yaml.ScalarNode {
				out = append(out, e.Value)
			}
		}
	case n.Kind == yaml.MappingNode:
		for i := 0; i < len(n.Content); i += 2 {
			out = append(out, n.Content[i].Value)
		}
	}
	return out
}

// parsePort splits the short port syntax: [HOST_IP:][PUBLISHED:]TARGET[/PROTO],
// with [::1]-style IPv6 host addresses.
func parsePort(s Str) Port {
	pt := Port{Str: s}
	v := s.Value
	if i := strings.IndexByte(v, '/'); i >= 0 {
		v = v[:i]
	}
	if strings.HasPrefix(v, "[") {
		if i := strings.Index(v, "]:"); i > 0 {
			pt.HostIP = v[1:i]
			v = v[i+2:]
		}
	}
	parts := strings.Split(v, ":")
	switch len(parts) {
	case 1:
		pt.Target = parts[0]
	case 2:
		pt.Published, pt.Target = parts[0], parts[1]
	default:
		pt.HostIP = strings.Join(parts[:len(parts)-2], ":")
		pt.Published, pt.Target = parts[len(parts)-2], parts[len(parts)-1]
	}
	return pt
}

// commandLine reads a command or entrypoint, written as a string or as a
// list of words (joined by spaces); nil when absent.
func (p *composeParser) commandLine(c *yaml.Node) *Str {
	if c == nil {
		return nil
	}
	if c.Kind == yaml.SequenceNode {
		var parts []string
		for _, e := range c.Content {
			parts = append(parts, e.Value)
		}
		return &Str{Value: strings.Join(parts, " "), Raw: strings.Join(parts, " "), Pos: posOf(c)}
	}
	return p.str(c)
}
