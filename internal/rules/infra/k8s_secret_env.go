package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
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
			"TOKEN, API_KEY, ...) with a literal value instead of valueFrom.secretKeyRef. ConfigMaps are not " +
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
			o.eachEnv(func(c, e *yaml.Node) {
				name, val := nodeValue(e, "name"), inf.NodeGet(e, "value")
				if val == nil || !isSecretName(name) || !literalSecret(val.Value) {
					return
				}
				pass.Reportf(at(o.Path, inf.NodePos(val)), "%s gives container %s the credential %s as a literal in the manifest: use valueFrom.secretKeyRef", o.describe(), nodeValue(c, "name"), name)
			})
		}
	},
}
