package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// pythonTag reads the Python version of an official python image tag:
// 3.8, 3.8.10-slim, 3.11-alpine3.19.
var pythonTag = lazyre.New(`^(\d+)\.(\d+)(?:\.\d+)?(?:[-.].*)?$`)

// DockerfileBaseImage finds final images built on a floating tag or an
// end-of-life Python.
var DockerfileBaseImage = &analysis.Rule{
	ID: "DJI304", Name: "dockerfile-base-image-unmaintained",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{1104, 1395}, Checklist: []int{1, 11},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Dockerfile builds on an end-of-life Python or on a floating latest tag",
		What: "Reports FROM of the official python image (python:, docker.io/library/python:) at a release line " +
			"whose security support has ended (the end-of-life table of the dependency rules, whose DJD202 reports a " +
			"version a FROM takes from an ARG), and, with low " +
			"severity, FROM an image without a tag or with :latest in the final stage. Images pinned by digest and " +
			"references to earlier stages are left alone.",
		Why: "An end-of-life Python gets no security fixes: known vulnerabilities in the interpreter and its " +
			"standard library (ssl, http, xml) stay. A latest tag changes under the build, so a rebuild ships an " +
			"image nobody reviewed, and a rollback does not bring the old one back.",
		Bad:  "FROM python:3.8-slim",
		Good: "FROM python:3.12-slim",
		Fix:  "Move to a supported Python release line and pin the tag (python:3.12-slim, or by digest).",
		References: []string{
			"https://devguide.python.org/versions/",
			"https://docs.docker.com/build/building/best-practices/#from",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, df := range deployment(pass).dockerfiles {
			for i, st := range df.D.Stages {
				if st.Image == "" || st.Image == "scratch" || strings.Contains(st.Image, "$") || stageRef(df.D, i, st.Image) {
					continue
				}
				repo, tag, digest := imageTag(st.Image)
				repo = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(repo), "docker.io/"), "library/")
				if repo == "python" && tag != "" {
					if m := pythonTag().FindStringSubmatch(tag); m != nil {
						if v, err := deps.ParseVersion(m[1] + "." + m[2]); err == nil {
							if r, ok := deps.FindRelease(deps.PythonReleases, v); ok && r.EndOfLife(pass.Now) {
								pass.Reportf(at(df.Path, st.From.Pos), "FROM %s builds on Python %s, whose security support ended %s: interpreter and standard-library vulnerabilities stay unfixed", st.Image, r.Name(), r.EndString())
								continue
							}
						}
					}
				}
				if i == len(df.D.Stages)-1 && digest == "" && (tag == "" || tag == "latest") && !df.Dev {
					pass.Report(analysis.Diagnostic{Location: at(df.Path, st.From.Pos), Severity: report.Low,
						Message: "FROM " + st.Image + " follows a floating tag: each build may ship a different, unreviewed base image, and a rollback does not bring the old one back"})
				}
			}
		}
	},
}
