package infra

import (
	"github.com/djsec/djsec/internal/analysis"
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
		out = append(out, configFile{Path: f.Path, Data: data, Dev: devPath(f.Path)})
	}
	return out
}
