package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// DatabasePublicSubnet finds database subnet groups built from public
// subnets.
var DatabasePublicSubnet = &analysis.Rule{
	ID: "DJI604", Name: "database-in-public-subnet",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{668}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A database subnet group uses public subnets",
		What: "Reports an aws_db_subnet_group or aws_elasticache_subnet_group (Terraform) whose subnet_ids refer to " +
			"an aws_subnet with map_public_ip_on_launch = true, or to subnets named public (aws_subnet.public, " +
			"module.vpc.public_subnets).",
		Why: "A database in a public subnet is one routing or security-group change away from the internet, and " +
			"with publicly_accessible it is directly on it. Databases belong in private subnets that only the " +
			"application servers reach.",
		Bad:  "resource \"aws_db_subnet_group\" \"db\" {\n  subnet_ids = module.vpc.public_subnets\n}",
		Good: "resource \"aws_db_subnet_group\" \"db\" {\n  subnet_ids = module.vpc.database_subnets\n}",
		Fix:  "Build the subnet group from private subnets (with no route to an internet gateway).",
		References: []string{
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		c := cloud(pass)
		public := map[string]bool{}
		for _, p := range c.paths {
			if tf := c.tf[p]; tf != nil {
				for _, b := range tf.Blocks {
					if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_subnet" && b.Attrs["map_public_ip_on_launch"].Truth() == 1 {
						public["aws_subnet."+b.Labels[1]] = true
					}
				}
			}
		}
		for _, p := range c.paths {
			tf := c.tf[p]
			if tf == nil {
				continue
			}
			for _, b := range tf.Blocks {
				if b.Type != "resource" || len(b.Labels) != 2 || (b.Labels[0] != "aws_db_subnet_group" && b.Labels[0] != "aws_elasticache_subnet_group") {
					continue
				}
				ids := b.Attrs["subnet_ids"]
				if ids == nil {
					continue
				}
				vals := append(ids.List, ids)
				for _, v := range vals {
					if v == nil || v.Ref == "" {
						continue
					}
					name := strings.TrimSuffix(v.Ref, ".id")
					if public[name] || strings.HasPrefix(name, "aws_subnet.public") || strings.HasSuffix(name, ".public_subnets") {
						pass.Reportf(at(p, v.Pos), "%s.%s places the database in public subnets (%s): keep it in private subnets that only the application servers reach", b.Labels[0], b.Labels[1], v.Ref)
						break
					}
				}
			}
		}
	},
}
