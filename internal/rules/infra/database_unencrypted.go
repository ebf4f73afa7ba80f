package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// DatabaseUnencrypted finds managed databases whose storage is not
// encrypted.
var DatabaseUnencrypted = &analysis.Rule{
	ID: "DJI603", Name: "database-storage-unencrypted",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{311}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A managed database stores its data unencrypted",
		What: "Reports aws_db_instance and aws_rds_cluster without storage_encrypted = true (the default is false), " +
			"and AWS::RDS::DBInstance and AWS::RDS::DBCluster without StorageEncrypted: true. Instances that belong " +
			"to a cluster or replicate another database inherit its encryption and are left alone.",
		Why: "Unencrypted volumes and snapshots expose every row to whoever gets a snapshot shared, copied or " +
			"leaked; encryption cannot be turned on later without copying the database.",
		Bad:  "resource \"aws_db_instance\" \"shop\" {\n  engine = \"postgres\"\n}",
		Good: "resource \"aws_db_instance\" \"shop\" {\n  engine            = \"postgres\"\n  storage_encrypted = true\n}",
		Fix:  "Set storage_encrypted = true (StorageEncrypted: true) with a KMS key you control.",
		References: []string{
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3",
		},
	},
	Run: func(pass *analysis.Pass) {
		c := cloud(pass)
		for _, p := range c.paths {
			if tf := c.tf[p]; tf != nil {
				for _, b := range tf.Blocks {
					if b.Type != "resource" || len(b.Labels) != 2 || (b.Labels[0] != "aws_db_instance" && b.Labels[0] != "aws_rds_cluster") {
						continue
					}
					if b.Attrs["replicate_source_db"] != nil || b.Attrs["snapshot_identifier"] != nil {
						continue
					}
					v := b.Attrs["storage_encrypted"]
					switch {
					case v == nil:
						pass.Reportf(at(p, b.Pos), "%s.%s does not set storage_encrypted = true: its storage and snapshots are unencrypted", b.Labels[0], b.Labels[1])
					case v.Truth() == 0:
						pass.Reportf(at(p, v.Pos), "%s.%s sets storage_encrypted = false: its storage and snapshots are unencrypted", b.Labels[0], b.Labels[1])
					}
				}
			}
			if cf := c.cfn[p]; cf != nil {
				for _, r := range cf.Resources {
					if r.Type != "AWS::RDS::DBInstance" && r.Type != "AWS::RDS::DBCluster" {
						continue
					}
					if r.Props.Get("DBClusterIdentifier") != nil || r.Props.Get("SourceDBInstanceIdentifier") != nil || r.Props.Get("DBSnapshotIdentifier") != nil {
						continue
					}
					v := r.Props.Get("StorageEncrypted")
					switch {
					case v == nil:
						pass.Reportf(at(p, r.Pos), "%s does not set StorageEncrypted: true: its storage and snapshots are unencrypted", r.Name)
					case v.Truth() == 0:
						pass.Reportf(at(p, v.Pos), "%s sets StorageEncrypted to false: its storage and snapshots are unencrypted", r.Name)
					}
				}
			}
		}
	},
}
