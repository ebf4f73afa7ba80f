package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// AlertmanagerDropped finds Alertmanager configurations whose default route
// sends alerts to a receiver that notifies nobody.
var AlertmanagerDropped = &analysis.Rule{
	ID: "DJI802", Name: "alertmanager-alerts-dropped",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{778}, Checklist: []int{10},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Alertmanager's default route notifies nobody",
		What: "Reports the top-level route's receiver when that receiver has no notification configuration " +
			"(no email_configs, webhook_configs, slack_configs, pagerduty_configs, ...) or is not defined: every " +
			"alert that no sub-route catches is dropped. A null receiver used by a sub-route to silence some alerts " +
			"is left alone.",
		Why: "Alerts that nobody receives are no alerts: an intrusion, a brute force or a service going down goes " +
			"unnoticed while the monitoring looks configured.",
		Bad:  "route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"",
		Good: "route:\n  receiver: ops\nreceivers:\n  - name: ops\n    email_configs:\n      - to: ops@example.com",
		Fix:  "Point the top-level route at a receiver that notifies someone (mail, chat, paging), and silence noisy alerts with sub-routes.",
		References: []string{
			"https://prometheus.io/docs/alerting/latest/configuration/#route",
			"https://prometheus.io/docs/alerting/latest/configuration/#receiver",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "alertmanager") {
			d := inf.ParseYAML(cf.Data)
			if d.Root == nil {
				continue
			}
			r := d.Get("route.receiver")
			if r == nil || r.Kind != yaml.ScalarNode {
				continue
			}
			var target *yaml.Node
			if rs := d.Get("receivers"); rs != nil && rs.Kind == yaml.SequenceNode {
				for _, rc := range rs.Content {
					if nodeValue(rc, "name") == r.Value {
						target = rc
					}
				}
			}
			if target == nil {
				pass.Reportf(at(cf.Path, inf.NodePos(r)), "the default route sends alerts to receiver %q, which is not defined: Alertmanager refuses the configuration or drops the alerts", r.Value)
				continue
			}
			notifies := false
			for i := 0; i+1 < len(target.Content); i += 2 {
				if k := target.Content[i].Value; strings.HasSuffix(k, "_configs") && len(target.Content[i+1].Content) > 0 {
					notifies = true
				}
			}
			if !notifies {
				pass.Reportf(at(cf.Path, inf.NodePos(r)), "the default route sends alerts to receiver %q, which notifies nobody: every alert no sub-route catches is dropped", r.Value)
			}
		}
	},
}
