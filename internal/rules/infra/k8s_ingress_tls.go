package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// K8sIngressNoTLS finds Ingresses that serve plain HTTP.
var K8sIngressNoTLS = &analysis.Rule{
	ID: "DJI704", Name: "kubernetes-ingress-without-tls",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{319}, Checklist: []int{2, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A Kubernetes Ingress serves the site without TLS, or turns the HTTPS redirect off",
		What: "Reports an Ingress with rules and no spec.tls section, and the ingress-nginx annotations " +
			"ssl-redirect or force-ssl-redirect set to \"false\". TLS that ends at a load balancer in front of the " +
			"cluster cannot be seen from the manifest; the confidence is medium.",
		Why: "Without TLS, session cookies, CSRF tokens and passwords cross the network in clear, and an attacker " +
			"on the path can change the pages.",
		Bad:  "kind: Ingress\nspec:\n  rules:\n    - host: shop.example.com",
		Good: "kind: Ingress\nspec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com",
		Fix:  "Add a tls section with a certificate (cert-manager issues one), and keep the HTTPS redirect on.",
		References: []string{
			"https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
			"https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, o := range k8sObjects(pass) {
			if o.Kind != "Ingress" || o.Dev {
				continue
			}
			if ann := o.Doc.Get("metadata.annotations"); ann != nil && ann.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(ann.Content); i += 2 {
					k, v := ann.Content[i].Value, ann.Content[i+1]
					if (k == "nginx.ingress.kubernetes.io/ssl-redirect" || k == "nginx.ingress.kubernetes.io/force-ssl-redirect") && v.Value == "false" {
						pass.Reportf(at(o.Path, inf.NodePos(v)), "Ingress %s sets %s to false: plain-HTTP requests are served instead of redirected to HTTPS", o.Name, k)
					}
				}
			}
			rules := o.Doc.Get("spec.rules")
			tls := o.Doc.Get("spec.tls")
			if rules == nil || rules.Kind != yaml.SequenceNode || len(rules.Content) == 0 {
				continue
			}
			if tls == nil || tls.Kind != yaml.SequenceNode || len(tls.Content) == 0 {
				pass.Reportf(at(o.Path, inf.NodePos(rules)), "Ingress %s has no tls section: the site is served over plain HTTP unless TLS ends at a load balancer in front", o.Name)
			}
		}
	},
}
