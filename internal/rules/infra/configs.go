package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// configFile is a deployment file of one of the formats DeployName names.
type configFile struct {
	Path string
	Data []byte
	Dev  bool
}

// configs returns the files of the given format ("redis", "sshd", ...).
func configs(pass *analysis.Pass, format string) []configFile {
	var out []configFile
	for _, f := range pass.Project.OfKind(project.Deploy) {
		if project.DeployName(f.Path) != format {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		dev := devPath(f.Path) || format == "procfile" && composeProcess().Match(data)
		out = append(out, configFile{Path: f.Path, Data: data, Dev: dev})
	}
	return out
}

// composeProcess matches a Procfile process that starts docker compose
// (db: docker-compose up db): that Procfile is a local process manager's
// (honcho, overmind, foreman), since the platforms that read Procfiles run
// no Docker.
var composeProcess = lazyre.New(`(?m)^[\w-]+:\s*(?:\S+=\S*\s+)*docker(?:-compose|\s+compose)\b`)
