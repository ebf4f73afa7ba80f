package infra

import (
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// VercelSecretEnv finds credentials written in vercel.json.
var VercelSecretEnv = &analysis.Rule{
	ID: "DJI901", Name: "vercel-secret-in-config",
	Severity: report.High, Confidence: report.MediumConfidence,
	CWE: []int{798, 260}, Checklist: []int{1, 4, 17},
	Scope:      analysis.PerProject,
	Supersedes: secretDetectors,
	Doc: analysis.Doc{
		Title: "vercel.json writes a credential into the deployment's environment",
		What: "Reports entries of env and build.env in vercel.json whose name says they hold a credential " +
			"(PASSWORD, SECRET_KEY, TOKEN, API_KEY, ...) with a literal value; references to Vercel secrets " +
			"(\"@name\") are left alone.",
		Why: "vercel.json is committed with the code: the credential is readable by everyone with access to the " +
			"repository, and is the same in every environment. Vercel's project environment variables are " +
			"encrypted and scoped per environment.",
		Bad:  "{\"env\": {\"DJANGO_SECRET_KEY\": \"x8#kq2...\"}}",
		Good: "{\"env\": {\"DJANGO_SETTINGS_MODULE\": \"shop.settings\"}}   # and DJANGO_SECRET_KEY in the project settings",
		Fix:  "Remove the value from vercel.json and set it as an environment variable of the Vercel project (vercel env add).",
		References: []string{
			"https://vercel.com/docs/environment-variables",
			"https://vercel.com/docs/project-configuration",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "vercel") {
			d := inf.ParseYAML(cf.Data)
			if d.Root == nil {
				continue
			}
			for _, key := range []string{"env", "build.env"} {
				env := d.Get(key)
				if env == nil || env.Kind != yaml.MappingNode {
					continue
				}
				for i := 0; i+1 < len(env.Content); i += 2 {
					name, val := env.Content[i].Value, env.Content[i+1]
					if val.Kind != yaml.ScalarNode || !isSecretName(name) || !literalSecret(val.Value) || strings.HasPrefix(val.Value, "@") {
						continue
					}
					pass.Reportf(at(cf.Path, inf.NodePos(val)), "vercel.json sets %s to a literal in %s: everyone who can read the repository has it; make it a project environment variable", name, key)
				}
			}
		}
	},
}

// vercelHeaders are the headers a static deployment should send; Vercel
// adds Strict-Transport-Security itself.
var vercelHeaders = []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"}

// VercelHeadersMissing finds vercel.json files without security headers.
var VercelHeadersMissing = &analysis.Rule{
	ID: "DJI902", Name: "vercel-security-headers-missing",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{693, 1021}, Checklist: []int{2, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "vercel.json sets no security headers for what Vercel serves itself",
		What: "Reports a vercel.json whose headers entries set none of X-Content-Type-Options, X-Frame-Options " +
			"(or a Content-Security-Policy), and Referrer-Policy, at the top of the file. Django adds these to the " +
			"responses it makes, but static files and routes Vercel answers without Django go out bare; Vercel adds " +
			"Strict-Transport-Security on its own.",
		Why: "Static HTML without X-Frame-Options or frame-ancestors can be framed for clickjacking, and files " +
			"without nosniff can be read as scripts or HTML by old browsers.",
		Bad:  "{\"builds\": [{\"src\": \"shop/wsgi.py\", \"use\": \"@vercel/python\"}]}",
		Good: "{\"headers\": [{\"source\": \"/(.*)\", \"headers\": [{\"key\": \"X-Content-Type-Options\", \"value\": \"nosniff\"}, {\"key\": \"X-Frame-Options\", \"value\": \"DENY\"}, {\"key\": \"Referrer-Policy\", \"value\": \"same-origin\"}]}]}",
		Fix:  "Add a headers entry for /(.*) with X-Content-Type-Options, X-Frame-Options (or CSP frame-ancestors) and Referrer-Policy.",
		References: []string{
			"https://vercel.com/docs/project-configuration#headers",
			"https://vercel.com/docs/headers/security-headers",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "vercel") {
			d := inf.ParseYAML(cf.Data)
			if d.Root == nil || d.Root.Kind != yaml.MappingNode {
				continue
			}
			set := map[string]bool{}
			if hs := d.Get("headers"); hs != nil && hs.Kind == yaml.SequenceNode {
				for _, h := range hs.Content {
					if list := inf.NodeGet(h, "headers"); list != nil && list.Kind == yaml.SequenceNode {
						for _, kv := range list.Content {
							set[strings.ToLower(nodeValue(kv, "key"))] = true
						}
					}
				}
			}
			var missing []string
			for _, h := range vercelHeaders {
				if !set[strings.ToLower(h)] {
					missing = append(missing, h)
				}
			}
			if set["content-security-policy"] {
				missing = remove(missing, "X-Frame-Options")
			}
			missing = remove(missing, "Content-Security-Policy")
			if len(missing) == 0 {
				continue
			}
			sort.Strings(missing)
			pass.Reportf(at(cf.Path, inf.Pos{Line: 1, Col: 1}), "vercel.json sets no %s: static files and routes Vercel answers without Django go out without them", strings.Join(missing, ", "))
		}
	},
}

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
