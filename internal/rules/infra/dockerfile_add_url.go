package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
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
		What:  "Reports ADD with an http:// or https:// source and no --checksum flag. ADD of a git repository (a .git URL, with or without #ref) is left alone.",
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
					pass.Reportf(at(df.Path, in.Pos), "ADD downloads %s at build time with no checksum: whoever controls that server (or, over http, the network) controls the image", src[0])
				}
			}
		}
	},
}
