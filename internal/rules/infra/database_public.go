package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// DatabasePublic finds managed databases reachable from the internet.
var DatabasePublic = &analysis.Rule{
	ID: "DJI602", Name: "database-publicly-accessible",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{668, 284}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A managed database is publicly accessible",
		What: "Reports publicly_accessible = true on aws_db_instance and aws_rds_cluster_instance (Terraform) and " +
			"PubliclyAccessible: true on AWS::RDS::DBInstance (CloudFormation).",
		Why: "A publicly accessible RDS instance gets a public address: its login is one security-group mistake " +
			"away from the internet, and the database no longer sits in a private subnet behind the application.",
		Bad:  "resource \"aws_db_instance\" \"shop\" {\n  publicly_accessible = true\n}",
		Good: "resource \"aws_db_instance\" \"shop\" {\n  publicly_accessible  = false\n  db_subnet_group_name = aws_db_subnet_group.private.name\n}",
		Fix:  "Set publicly_accessible = false and place the database in private subnets; reach it from the application servers or through a bastion.",
		References: []string{
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2",
		},
	},
	Run: func(pass *analysis.Pass) {
		c := cloud(pass)
		for _, p := range c.paths {
			if tf := c.tf[p]; tf != nil {
				for _, b := range tf.Blocks {
					if b.Type == "resource" && len(b.Labels) == 2 && (b.Labels[0] == "aws_db_instance" || b.Labels[0] == "aws_rds_cluster_instance") {
						if v := b.Attrs["publicly_accessible"]; v.Truth() == 1 {
							pass.Reportf(at(p, v.Pos), "%s.%s is publicly accessible: the database gets a public address, outside the private network", b.Labels[0], b.Labels[1])
						}
					}
				}
			}
			if cf := c.cfn[p]; cf != nil {
				for _, r := range cf.Resources {
					if r.Type == "AWS::RDS::DBInstance" {
						if v := r.Props.Get("PubliclyAccessible"); v.Truth() == 1 {
							pass.Reportf(at(p, v.Pos), "%s is publicly accessible: the database gets a public address, outside the private network", r.Name)
						}
					}
				}
			}
		}
	},
}
