package infra

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// MongodExposed finds mongod.conf files that listen on the network
// without authorisation or TLS.
var MongodExposed = &analysis.Rule{
	ID: "DJI502", Name: "mongod-open-without-auth",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{306, 319}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "MongoDB listens on the network without authorisation or TLS",
		What: "Reports a mongod.conf whose net.bindIp includes 0.0.0.0 or :: (or net.bindIpAll: true) while " +
			"security.authorization is not enabled (high), and, with medium severity, a network-bound mongod whose " +
			"net.tls.mode is disabled or absent.",
		Why: "Tens of thousands of MongoDB databases bound to every interface without authorisation have been wiped " +
			"and held for ransom; without TLS, credentials and documents cross the network in clear.",
		Bad:  "net:\n  bindIp: 0.0.0.0\nsecurity:\n  authorization: disabled",
		Good: "net:\n  bindIp: 127.0.0.1,10.0.1.5\n  tls:\n    mode: requireTLS\nsecurity:\n  authorization: enabled",
		Fix:  "Bind mongod to loopback and the private interface it serves, set security.authorization: enabled, and net.tls.mode: requireTLS.",
		References: []string{
			"https://www.mongodb.com/docs/manual/administration/security-checklist/",
			"https://www.mongodb.com/docs/manual/reference/configuration-options/#net-options",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "mongod") {
			d := inf.ParseYAML(cf.Data)
			if d.Root == nil || d.Root.Kind != yaml.MappingNode || d.Get("net") == nil && d.Get("security") == nil {
				legacyMongod(pass, cf)
				continue
			}
			var openAt *inf.Pos
			if n := d.Get("net.bindIp"); n != nil {
				for _, ip := range strings.Split(n.Value, ",") {
					if ip = strings.TrimSpace(ip); ip == "0.0.0.0" || ip == "::" || ip == "*" {
						p := inf.NodePos(n)
						openAt = &p
					}
				}
			}
			if n := d.Get("net.bindIpAll"); n != nil && trueValue(n.Value) {
				p := inf.NodePos(n)
				openAt = &p
			}
			if openAt == nil {
				continue
			}
			auth := d.Get("security.authorization")
			if auth == nil || !strings.EqualFold(auth.Value, "enabled") {
				pos := *openAt
				if auth != nil {
					pos = inf.NodePos(auth)
				}
				pass.Reportf(at(cf.Path, pos), "mongod listens on every interface without security.authorization: enabled: anyone who reaches port 27017 reads, changes or deletes every database")
				continue
			}
			mode := d.Get("net.tls.mode")
			if mode == nil {
				mode = d.Get("net.ssl.mode")
			}
			if mode == nil || strings.EqualFold(mode.Value, "disabled") {
				pos := *openAt
				if mode != nil {
					pos = inf.NodePos(mode)
				}
				pass.Report(analysis.Diagnostic{Location: at(cf.Path, pos), Severity: report.Medium,
					Message: "mongod listens on every interface without TLS (net.tls.mode): passwords and documents cross the network in clear"})
			}
		}
	},
}

// legacyMongod checks the key = value format of mongod.conf before 2.6
// (bind_ip, auth), still read by mongod.
func legacyMongod(pass *analysis.Pass, cf configFile) {
	var open *inf.Line
	auth := false
	for _, l := range inf.ParseINI(cf.Data) {
		l := l
		if v, _, _ := strings.Cut(l.Value(), " #"); v != l.Value() {
			l.Args = []string{strings.TrimSpace(v)}
		}
		switch strings.ToLower(l.Key) {
		case "bind_ip":
			for _, ip := range strings.Split(l.Value(), ",") {
				if ip = strings.TrimSpace(ip); ip == "0.0.0.0" || ip == "::" || ip == "*" {
					open = &l
				}
			}
		case "bind_ip_all":
			if trueValue(l.Value()) {
				open = &l
			}
		case "auth":
			auth = trueValue(l.Value())
		}
	}
	if open != nil && !auth {
		pass.Reportf(at(cf.Path, open.Pos), "mongod listens on every interface without auth = true: anyone who reaches port 27017 reads, changes or deletes every database")
	}
}
