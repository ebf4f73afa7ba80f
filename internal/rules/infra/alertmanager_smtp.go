package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// AlertmanagerSMTP finds Alertmanager configurations that send mail
// without TLS or keep the SMTP password in the file.
var AlertmanagerSMTP = &analysis.Rule{
	ID: "DJI801", Name: "alertmanager-smtp-insecure",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319, 256}, Checklist: []int{10},
	Scope:      analysis.PerProject,
	Supersedes: secretDetectors,
	Doc: analysis.Doc{
		Title: "Alertmanager sends alert mail without TLS or keeps the SMTP password in its configuration",
		What: "Reports smtp_require_tls: false in global and require_tls: false in email_configs, and a literal " +
			"smtp_auth_password or auth_password (smtp_auth_password_file and auth_password_file are the way to keep " +
			"it out of the file).",
		Why: "Without TLS the SMTP password and the alerts, which describe the infrastructure and its failures, " +
			"cross the network in clear. A password in the configuration is in the repository, for everyone who " +
			"can read it, and lets them send mail as the alerting account.",
		Bad:  "global:\n  smtp_require_tls: false\n  smtp_auth_password: hunter2",
		Good: "global:\n  smtp_require_tls: true\n  smtp_auth_password_file: /run/secrets/smtp_password",
		Fix:  "Keep smtp_require_tls true (the default) and read the password from a file with smtp_auth_password_file.",
		References: []string{
			"https://prometheus.io/docs/alerting/latest/configuration/#email_config",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "alertmanager") {
			d := inf.ParseYAML(cf.Data)
			if d.Root == nil {
				continue
			}
			check := func(n *yaml.Node, tlsKey, pwKey string) {
				if v := inf.NodeGet(n, tlsKey); v != nil && v.Value == "false" {
					pass.Reportf(at(cf.Path, inf.NodePos(v)), "%s: false sends alert mail and the SMTP password without TLS", tlsKey)
				}
				if v := inf.NodeGet(n, pwKey); v != nil && v.Kind == yaml.ScalarNode && literalSecret(v.Value) {
					pass.Reportf(at(cf.Path, inf.NodePos(v)), "%s is written in the Alertmanager configuration: use %s_file so that the repository does not hold it", pwKey, pwKey)
				}
			}
			check(d.Get("global"), "smtp_require_tls", "smtp_auth_password")
			if rs := d.Get("receivers"); rs != nil && rs.Kind == yaml.SequenceNode {
				for _, r := range rs.Content {
					if ecs := inf.NodeGet(r, "email_configs"); ecs != nil && ecs.Kind == yaml.SequenceNode {
						for _, ec := range ecs.Content {
							check(ec, "require_tls", "auth_password")
						}
					}
				}
			}
		}
	},
}
