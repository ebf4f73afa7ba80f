package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// DockerfileHTTPDownload finds RUN instructions that fetch files over plain
// HTTP with curl or wget.
var DockerfileHTTPDownload = &analysis.Rule{
	ID: "DJI305", Name: "dockerfile-download-over-http",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{494, 319}, Checklist: []int{1, 11},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Dockerfile downloads files over plain HTTP",
		What: "Reports RUN instructions that fetch an http:// URL with curl or wget. High when what is fetched runs or is " +
			"trusted: piped to a shell or an interpreter, or a certificate or key that the build installs (update-ca-certificates, " +
			"c_rehash, apt-key add, gpg --import, a .crt, .pem or .key file); medium otherwise; low in a development Dockerfile. " +
			"https:// URLs, package managers (apt, apk and pip check what they install against signed indexes or hashes) and " +
			"addresses of the build's own machine (localhost, 127.0.0.1) are left alone.",
		Why: "Anyone on the network path between the builder and the server (a Wi-Fi network, a compromised router, a " +
			"hostile transit provider) can replace a file fetched over HTTP. A replaced script runs in every image built " +
			"afterwards; a replaced root certificate lets its owner read and change every TLS connection the containers make.",
		Bad:  "RUN curl -o /usr/local/share/ca-certificates/corp.crt http://pki.example.com/corp.crt && update-ca-certificates",
		Good: "RUN curl -fsSo /usr/local/share/ca-certificates/corp.crt https://pki.example.com/corp.crt \\\n && echo \"<sha256>  /usr/local/share/ca-certificates/corp.crt\" | sha256sum -c - && update-ca-certificates",
		Fix: "Download over https://, check the file against a SHA-256 sum written in the Dockerfile (sha256sum -c), or COPY a " +
			"vetted copy from the repository; ADD --checksum does both for a single file.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/494.html",
			"https://docs.docker.com/build/building/best-practices/#add-or-copy",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, df := range deployment(pass).dockerfiles {
			for _, st := range df.D.Stages {
				for _, in := range st.Instructions {
					if in.Cmd != "RUN" {
						continue
					}
					url := httpDownload(in.Args)
					if url == "" {
						continue
					}
					d := analysis.Diagnostic{Location: at(df.Path, in.Pos),
						Message: "RUN fetches " + url + " over plain HTTP: anyone on the network path between the builder and that server can replace it"}
					switch {
					case df.Dev:
						d.Severity = report.Low
						d.Message += devNote(true)
					case runsOrTrusts(in.Args):
						d.Severity = report.High
						d.Message += ", and the build runs or trusts what it gets (a script given to a shell, a certificate or key it installs)"
					}
					pass.Report(d)
				}
			}
		}
	},
}

// httpFetchRE matches curl or wget given an http:// URL in one command
// (up to a shell separator), and captures the URL.
var httpFetchRE = lazyre.New(`\b(?:curl|wget)\b[^;&|\n]*?\b(http://[^\s"'<>;|&)]+)`)

// httpDownload returns the first http:// URL a RUN fetches with curl or
// wget, leaving out the build's own machine; "" when there is none.
func httpDownload(args string) string {
	for _, m := range httpFetchRE().FindAllStringSubmatch(args, -1) {
		host := strings.TrimPrefix(m[1], "http://")
		if i := strings.IndexAny(host, "/:"); i >= 0 {
			host = host[:i]
		}
		switch host {
		case "localhost", "127.0.0.1", "0.0.0.0", "[::1]":
			continue
		}
		return m[1]
	}
	return ""
}

// trustRE matches what runs or trusts a download: a pipe into a shell or
// an interpreter, certificate stores and key imports.
var trustRE = lazyre.New(`\|\s*(?:sudo\s+)?(?:sh|bash|zsh|dash|python[0-9.]*|perl|ruby|node)\b|update-ca-certificates|c_rehash|apt-key\s+add|gpg\s+--import|\.(?:crt|pem|key|cer|der)\b`)

func runsOrTrusts(args string) bool { return trustRE().MatchString(args) }
