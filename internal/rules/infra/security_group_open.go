package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// SecurityGroupOpen finds firewall rules that open administration or
// database ports to the whole internet.
var SecurityGroupOpen = &analysis.Rule{
	ID: "DJI601", Name: "security-group-open-to-internet",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{284, 668}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A security group or firewall rule opens SSH, RDP or a database port to the internet",
		What: "Reports inbound rules from 0.0.0.0/0 or ::/0 (or Azure's * and Internet) that cover SSH, RDP, " +
			"database, cache, search-engine or container-daemon ports (22, 3389, 5432, 3306, 1433, 27017, 6379, " +
			"11211, 9200, 2375, ...), including rules for every port or protocol. Terraform: aws_security_group " +
			"(ingress blocks and attribute form), aws_security_group_rule, aws_vpc_security_group_ingress_rule, " +
			"google_compute_firewall, azurerm_network_security_rule and security_rule blocks; CloudFormation: " +
			"AWS::EC2::SecurityGroup and AWS::EC2::SecurityGroupIngress. Rules open only on 80 and 443 are left " +
			"alone, and so are sources djsec cannot know (variables, !Ref).",
		Why: "Internet-wide scanners find an open SSH or database port within minutes and start guessing " +
			"passwords or exploiting the service; databases and caches should be reachable only from the " +
			"application servers, and SSH only through a bastion host or VPN.",
		Bad:  "ingress {\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}",
		Good: "ingress {\n  from_port       = 22\n  to_port         = 22\n  protocol        = \"tcp\"\n  security_groups = [aws_security_group.bastion.id]\n}",
		Fix:  "Allow these ports only from the security group of the bastion host or of the application servers, or from the VPN's range.",
		References: []string{
			"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, in := range cloud(pass).ingresses() {
			ports := exposedPorts(in.From, in.To)
			if len(ports) == 0 {
				continue
			}
			for _, s := range in.Sources {
				src, ok := s.String()
				if !ok || !anywhere(src) {
					continue
				}
				what := strings.Join(ports, ", ")
				if in.From == 0 && in.To >= 65535 {
					what = "every port"
				}
				msg := in.Resource + " lets " + src + " reach " + what + " from the whole internet"
				if in.From <= 22 && in.To >= 22 {
					msg += "; SSH should be reachable only through a bastion host or VPN"
				}
				pass.Reportf(at(in.Path, s.Pos), "%s", msg)
			}
		}
	},
}
