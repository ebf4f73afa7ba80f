package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// ComposeDockerSocket finds the Docker socket mounted into a container.
var ComposeDockerSocket = &analysis.Rule{
	ID: "DJI204", Name: "compose-docker-socket-mounted",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{250, 668}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose mounts the Docker socket into a container",
		What: "Reports a volume whose source is /var/run/docker.sock or /run/docker.sock, read-only or not. " +
			"Development files are reported with low severity.",
		Why: "Whoever talks to the Docker socket starts a privileged container with the host's disk mounted: it is " +
			"root on the host. Read-only mounts do not help, the API is still fully usable.",
		Bad:  "volumes:\n  - /var/run/docker.sock:/var/run/docker.sock:ro",
		Good: "# no socket; if a service must see containers, put a filtering proxy (docker-socket-proxy) in between",
		Fix:  "Remove the mount; give the service that needs Docker a socket proxy that allows only the calls it needs.",
		References: []string{
			"https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
			"https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-1-do-not-expose-the-docker-daemon-socket-even-to-the-containers",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			for _, s := range cf.C.Services {
				for _, v := range s.Volumes {
					if src := strings.TrimRight(v.Value, "/"); src == "/var/run/docker.sock" || src == "/run/docker.sock" {
						d := analysis.Diagnostic{Location: at(cf.Path, v.Pos), Message: "service " + s.Name + " mounts the Docker socket: whoever controls the service is root on the host" + devNote(cf.Dev)}
						if cf.Dev {
							d.Severity = report.Low
						}
						pass.Report(d)
					}
				}
			}
		}
	},
}
