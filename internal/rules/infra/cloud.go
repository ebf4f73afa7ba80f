package infra

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

type cloudLoad struct {
	tf       map[string]*inf.Terraform
	cfn      map[string]*inf.CloudFormation
	paths    []string
	problems []report.Problem
}

// cloud parses the Terraform files and CloudFormation templates once per
// scan.
func cloud(pass *analysis.Pass) *cloudLoad {
	p := pass.Project
	res := p.Memo("infra.cloud", func() any {
		out := &cloudLoad{tf: map[string]*inf.Terraform{}, cfn: map[string]*inf.CloudFormation{}}
		for _, f := range p.OfKind(project.Deploy) {
			name := project.DeployName(f.Path)
			if name != "terraform" && name != "yaml" && name != "cloudformation" {
				continue
			}
			data, err := f.Content()
			if err != nil {
				continue
			}
			var errs []inf.Error
			switch {
			case name == "terraform":
				t := inf.ParseTerraform(data, f.Path)
				out.tf[f.Path], errs = t, t.Errors
			case inf.IsCloudFormation(data):
				c := inf.ParseCloudFormation(data)
				if len(c.Resources) == 0 && len(c.Errors) == 0 {
					continue
				}
				out.cfn[f.Path], errs = c, c.Errors
			default:
				continue
			}
			out.paths = append(out.paths, f.Path)
			out.problems = append(out.problems, parseProblems(f.Path, name, errs)...)
		}
		sort.Strings(out.paths)
		return out
	}).(*cloudLoad)
	for _, e := range res.problems {
		pass.Problem(e.Location, "%s", e.Message)
	}
	return res
}

// ingress is one rule letting traffic in, from any cloud format.
type ingress struct {
	Path     string
	Resource string // "aws_security_group.web", "WebSG"
	From, To int64  // port range; 0-65535 for all
	Sources  []*inf.Value
}

// sensitivePorts are ports that must never be open to the internet: remote
// administration, databases, caches, search engines, container daemons.
var sensitivePorts = []struct {
	Port int64
	Name string
}{
	{22, "SSH"}, {3389, "RDP"}, {5432, "PostgreSQL"}, {3306, "MySQL"}, {1433, "SQL Server"}, {27017, "MongoDB"},
	{6379, "Redis"}, {11211, "memcached"}, {9200, "Elasticsearch"}, {9300, "Elasticsearch transport"},
	{5601, "Kibana"}, {2375, "Docker API"}, {2376, "Docker API"}, {5984, "CouchDB"}, {15672, "RabbitMQ management"},
	{5672, "RabbitMQ"}, {2379, "etcd"}, {10250, "kubelet"}, {5900, "VNC"}, {23, "telnet"}, {21, "FTP"},
}

// exposedPorts names the sensitive ports in a range.
func exposedPorts(from, to int64) []string {
	var out []string
	for _, p := range sensitivePorts {
		if p.Port >= from && p.Port <= to {
			out = append(out, fmt.Sprintf("%d (%s)", p.Port, p.Name))
		}
	}
	return out
}

func anywhere(s string) bool {
	s = strings.TrimSpace(s)
	return s == "0.0.0.0/0" || s == "::/0" || s == "*" || s == "0.0.0.0" || strings.EqualFold(s, "internet") || s == "any"
}

// portRange reads from/to attributes; protocol "-1" or "all" means every port.
func portRange(from, to, proto *inf.Value) (int64, int64, bool) {
	if p, ok := proto.String(); ok && (p == "-1" || strings.EqualFold(p, "all")) {
		return 0, 65535, true
	}
	f, ok1 := from.Int()
	t, ok2 := to.Int()
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	if f == -1 || f == 0 && t == 0 {
		return 0, 65535, true
	}
	return f, t, true
}

// parsePortSpec reads "22", "1000-2000" or "*" (GCP and Azure).
func parsePortSpec(s string) (int64, int64, bool) {
	if s == "*" {
		return 0, 65535, true
	}
	a, b, isRange := strings.Cut(s, "-")
	f, err := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
	if err != nil {
		return 0, 0, false
	}
	if !isRange {
		return f, f, true
	}
	t, err := strconv.ParseInt(strings.TrimSpace(b), 10, 64)
	return f, t, err == nil
}

// ingresses collects every inbound rule of the project's Terraform and
// CloudFormation files.
func (c *cloudLoad) ingresses() []ingress {
	var out []ingress
	for _, p := range c.paths {
		if tf := c.tf[p]; tf != nil {
			for _, b := range tf.Blocks {
				if b.Type != "resource" || len(b.Labels) < 2 {
					continue
				}
				name := b.Labels[0] + "." + b.Labels[1]
				out = append(out, tfIngress(p, name, b)...)
			}
		}
		if cf := c.cfn[p]; cf != nil {
			for _, r := range cf.Resources {
				switch r.Type {
				case "AWS::EC2::SecurityGroup":
					if list := r.Props.Get("SecurityGroupIngress"); list != nil && list.Kind == inf.VList {
						for _, e := range list.List {
							out = append(out, cfnIngress(p, r.Name, e)...)
						}
					}
				case "AWS::EC2::SecurityGroupIngress":
					out = append(out, cfnIngress(p, r.Name, r.Props)...)
				}
			}
		}
	}
	return out
}

func cfnIngress(p, name string, e *inf.Value) []ingress {
	if e == nil || e.Kind != inf.VMap {
		return nil
	}
	from, to, ok := portRange(e.Get("FromPort"), e.Get("ToPort"), e.Get("IpProtocol"))
	if !ok {
		return nil
	}
	var srcs []*inf.Value
	for _, k := range []string{"CidrIp", "CidrIpv6"} {
		if v := e.Get(k); v != nil {
			srcs = append(srcs, v)
		}
	}
	return []ingress{{p, name, from, to, srcs}}
}

func tfIngress(p, name string, b *inf.Block) []ingress {
	var out []ingress
	rule := func(attrs map[string]*inf.Value, protoKey string, cidrKeys ...string) {
		from, to, ok := portRange(attrs["from_port"], attrs["to_port"], attrs[protoKey])
		if !ok {
			return
		}
		var srcs []*inf.Value
		for _, k := range cidrKeys {
			if v := attrs[k]; v != nil {
				if v.Kind == inf.VList {
					srcs = append(srcs, v.List...)
				} else {
					srcs = append(srcs, v)
				}
			}
		}
		out = append(out, ingress{p, name, from, to, srcs})
	}
	switch b.Labels[0] {
	case "aws_security_group":
		for _, in := range b.Blocks {
			if in.Type == "ingress" {
				rule(in.Attrs, "protocol", "cidr_blocks", "ipv6_cidr_blocks")
			}
		}
		if list := b.Attrs["ingress"]; list != nil && list.Kind == inf.VList {
			for _, e := range list.List {
				if e.Kind == inf.VMap {
					rule(e.Map, "protocol", "cidr_blocks", "ipv6_cidr_blocks")
				}
			}
		}
	case "aws_security_group_rule":
		if t, _ := b.Attrs["type"].String(); t == "ingress" {
			rule(b.Attrs, "protocol", "cidr_blocks", "ipv6_cidr_blocks")
		}
	case "aws_vpc_security_group_ingress_rule":
		rule(b.Attrs, "ip_protocol", "cidr_ipv4", "cidr_ipv6")
	case "google_compute_firewall":
		if d, ok := b.Attrs["direction"].String(); ok && d != "INGRESS" {
			return nil
		}
		var srcs []*inf.Value
		if v := b.Attrs["source_ranges"]; v != nil && v.Kind == inf.VList {
			srcs = v.List
		}
		for _, a := range b.Blocks {
			if a.Type != "allow" {
				continue
			}
			ports := a.Attrs["ports"]
			if ports == nil {
				out = append(out, ingress{p, name, 0, 65535, srcs})
				continue
			}
			for _, s := range ports.Strings() {
				if f, t, ok := parsePortSpec(s); ok {
					out = append(out, ingress{p, name, f, t, srcs})
				}
			}
		}
	case "azurerm_network_security_rule":
		out = append(out, azureRule(p, name, b.Attrs)...)
	case "azurerm_network_security_group":
		for _, r := range b.Blocks {
			if r.Type == "security_rule" {
				out = append(out, azureRule(p, name, r.Attrs)...)
			}
		}
	}
	return out
}

func azureRule(p, name string, a map[string]*inf.Value) []ingress {
	if d, _ := a["direction"].String(); !strings.EqualFold(d, "Inbound") {
		return nil
	}
	if acc, _ := a["access"].String(); !strings.EqualFold(acc, "Allow") {
		return nil
	}
	var srcs []*inf.Value
	if v := a["source_address_prefix"]; v != nil {
		srcs = append(srcs, v)
	}
	var out []ingress
	specs := a["destination_port_ranges"].Strings()
	if s, ok := a["destination_port_range"].String(); ok {
		specs = append(specs, s)
	}
	for _, s := range specs {
		if f, t, ok := parsePortSpec(s); ok {
			out = append(out, ingress{p, name, f, t, srcs})
		}
	}
	return out
}
