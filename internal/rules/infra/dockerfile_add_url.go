package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// DockerfileAddURL finds ADD of remote URLs without a checksum.
var DockerfileAddURL = &analysis.Rule{
	ID: "DJI302", Name: "dockerfile-add-remote-url",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{494, 829}, Checklist: []int{1, 11},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Dockerfile downloads files with ADD and does not check them",
		What: "Reports ADD with an http:// or https:// source and no --checksum flag: high over http://, medium over https://, and low when the " +
			"https URL names a fixed release (a version, a release tag's download, a commit hash) or the Dockerfile is for development. " +
			"ADD of a git repository (a .git URL, with or without #ref) is left alone.",
		Why: "ADD fetches whatever the server returns at build time, with no integrity check: a compromised or " +
			"hijacked download puts the attacker's code in every image built afterwards. Over http:// anyone on the " +
			"path can do it.",
		Bad:  "ADD https://example.com/tool.tar.gz /opt/",
		Good: "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/",
		Fix:  "Add --checksum=sha256:... to the ADD, or download with curl and verify the hash in the same RUN.",
		References: []string{
			"https://docs.docker.com/reference/dockerfile/#add---checksum",
			"https://docs.docker.com/build/building/best-practices/#add-or-copy",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, df := range deployment(pass).dockerfiles {
			for _, st := range df.D.Stages {
				for _, in := range st.Instructions {
					if in.Cmd != "ADD" || in.Flags["checksum"] != "" {
						continue
					}
					src := strings.Fields(in.Args)
					if len(src) == 0 {
						continue
					}
					u := strings.ToLower(src[0])
					if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || strings.HasSuffix(u, ".git") || strings.Contains(u, ".git#") {
						continue
					}
					d := analysis.Diagnostic{Location: at(df.Path, in.Pos),
						Message: "ADD downloads " + src[0] + " at build time with no checksum: whoever controls that server (or, over http, the network) controls the image"}
					switch {
					case strings.HasPrefix(u, "http://"):
						d.Severity = report.High
						d.Message += "; over http, anyone on the network path between the builder and the server can"
					case df.Dev:
						d.Severity = report.Low
						d.Message += devNote(true)
					case pinnedURL(u):
						// a fixed release over TLS: changing it takes the
						// server itself, not a new upload of the project's
						d.Severity = report.Low
						d.Message += "; the URL names a fixed release, so only a compromise of that server changes what the build gets"
					}
					pass.Report(d)
				}
			}
		}
	},
}

// pinnedRE matches a URL path that names a fixed release: a version
// (/0.8.13/, /v2.1.3/, -1.4.2.tar.gz), a release tag's download, or a
// commit's hash.
var pinnedRE = lazyre.New(`(?i)/releases/download/[^/$]+/|[/_-]v?\d+\.\d+(?:\.\d+)*(?:[/_.-]|$)|/[0-9a-f]{40}(?:/|$)`)

// pinnedURL reports an https URL that names a fixed release and no
// variable of the build (${REF}, whose value may be a branch).
func pinnedURL(u string) bool {
	return !strings.Contains(u, "$") && pinnedRE().MatchString(u)
}
