package infra

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// K8sSecretEnv finds credentials written into a container's env.
var K8sSecretEnv = &analysis.Rule{
	ID: "DJI703", Name: "kubernetes-secret-in-env",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{798, 260}, Checklist: []int{1, 4},
	Scope:      analysis.PerProject,
	Supersedes: secretDetectors,
	Doc: analysis.Doc{
		Title: "A Kubernetes manifest writes a credential into a container's env",
		What: "Reports env entries of containers whose name says they hold a credential (PASSWORD, SECRET_KEY, " +
			"TOKEN, API_KEY, ...) with a literal value instead of valueFrom.secretKeyRef, once for each container, naming " +
			"every such credential it is given. Values a deployment pipeline writes in before the manifest is applied " +
			"({{VAR}}, #{VAR}#) are low: the secret is not in the repository, only in the workload's plain env. ConfigMaps are not " +
			"read. Development manifests are left alone.",
		Why: "The manifest is in the repository and the value is shown by kubectl describe to anyone who can " +
			"read the workload; Secrets can be access-controlled, encrypted at rest and rotated.",
		Bad:  "env:\n  - name: DJANGO_SECRET_KEY\n    value: \"x8#k...\"",
		Good: "env:\n  - name: DJANGO_SECRET_KEY\n    valueFrom:\n      secretKeyRef: {name: shop, key: secret-key}",
		Fix:  "Move the value into a Secret (created outside the repository or with a sealed-secrets/external-secrets tool) and read it with valueFrom.secretKeyRef.",
		References: []string{
			"https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, o := range k8sObjects(pass) {
			if o.Dev {
				continue
			}
			// one finding a container, naming every credential it is
			// given so: the fix (a Secret, envFrom or secretKeyRef) is one
			var order []*yaml.Node
			byContainer := map[*yaml.Node]*envCredentials{}
			o.eachEnv(func(c, e *yaml.Node) {
				name, val := nodeValue(e, "name"), inf.NodeGet(e, "value")
				if val == nil || !isSecretName(name) || !literalSecret(val.Value) {
					return
				}
				g := byContainer[c]
				if g == nil {
					g = &envCredentials{}
					byContainer[c] = g
					order = append(order, c)
				}
				g.add(name, val)
			})
			for _, c := range order {
				byContainer[c].report(pass, o, nodeValue(c, "name"))
			}
		}
	},
}

// envCredentials are the credentials one container is given as literals.
type envCredentials struct {
	names    []string
	at       []*yaml.Node
	deployed bool // every value is a placeholder the pipeline fills ({{VAR}})
}

func (g *envCredentials) add(name string, val *yaml.Node) {
	filled := deployTimeValue(val.Value)
	if len(g.names) == 0 {
		g.deployed = filled
	}
	g.deployed = g.deployed && filled
	g.names = append(g.names, name)
	g.at = append(g.at, val)
}

func (g *envCredentials) report(pass *analysis.Pass, o *k8sObject, container string) {
	what := "the credential " + g.names[0]
	if len(g.names) > 1 {
		what = "the credentials " + strings.Join(g.names, ", ")
	}
	d := analysis.Diagnostic{
		Location: at(o.Path, inf.NodePos(g.at[0])),
		Message:  fmt.Sprintf("%s gives container %s %s as a literal in the manifest: use valueFrom.secretKeyRef", o.describe(), container, what),
	}
	for _, n := range g.at[1:] {
		d.Covers = append(d.Covers, inf.NodePos(n).Line)
	}
	if g.deployed {
		d.Severity = report.Low
		d.Message = fmt.Sprintf("%s gives container %s %s as a value the deployment pipeline writes into the manifest ({{VAR}}): "+
			"the secret is not in the repository, but the workload carries it in plain env, where whoever can read the Deployment "+
			"sees it; use valueFrom.secretKeyRef", o.describe(), container, what)
	}
	pass.Report(d)
}

// deployTimeValue reports a value a deployment tool fills in before the
// manifest is applied: "{{UNHCR_API_PASSWORD}}", "${DB_PASSWORD}",
// "#{DB_PASSWORD}#" (Azure DevOps' token replacement).
func deployTimeValue(v string) bool {
	return deployTimeRE().MatchString(strings.TrimSpace(v))
}

var deployTimeRE = lazyre.New(`^(\{\{\s*\.?[\w.]+\s*\}\}|\$\{\w+\}|#\{\w+\}#)$`)
