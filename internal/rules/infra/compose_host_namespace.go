package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// ComposeHostNamespace finds containers that share the host's network or
// process namespace.
var ComposeHostNamespace = &analysis.Rule{
	ID: "DJI203", Name: "compose-host-namespace",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{653, 668}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose shares the host's network or processes with a container",
		What:  "Reports network_mode: host and pid: host. Development files are reported with low severity.",
		Why: "With the host's network, every port the container opens (a debug server, a database bound to " +
			"0.0.0.0) is open on the host, and the container reaches services bound to the host's loopback. With the " +
			"host's processes, it can read other processes' environment and memory.",
		Bad:  "services:\n  web:\n    network_mode: host",
		Good: "services:\n  web:\n    ports:\n      - \"127.0.0.1:8000:8000\"",
		Fix:  "Use the default bridge network and publish only the ports the service needs; drop pid: host.",
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#network_mode",
			"https://docs.docker.com/engine/network/drivers/host/",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			for _, s := range cf.C.Services {
				if s.NetworkMode != nil && s.NetworkMode.Value == "host" {
					d := analysis.Diagnostic{Location: at(cf.Path, s.NetworkMode.Pos), Message: "service " + s.Name + " uses the host's network: every port it opens is open on the host, and it reaches services bound to the host's loopback" + devNote(cf.Dev)}
					if cf.Dev {
						d.Severity = report.Low
					}
					pass.Report(d)
				}
				if s.Pid != nil && s.Pid.Value == "host" {
					d := analysis.Diagnostic{Location: at(cf.Path, s.Pid.Pos), Message: "service " + s.Name + " shares the host's process namespace: it sees every process of the host and their environment" + devNote(cf.Dev)}
					if cf.Dev {
						d.Severity = report.Low
					}
					pass.Report(d)
				}
			}
		}
	},
}
