package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// K8sDatastoreExposed finds Services that expose a database or cache
// outside the cluster.
var K8sDatastoreExposed = &analysis.Rule{
	ID: "DJI702", Name: "kubernetes-datastore-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{668, 284}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A Kubernetes Service exposes a database or cache outside the cluster",
		What: "Reports a Service of type LoadBalancer or NodePort with a port (port or targetPort) that is a " +
			"database, cache or broker port (5432, 3306, 27017, 6379, 11211, 9200, 5672, ...), unless " +
			"loadBalancerSourceRanges limits who may connect.",
		Why: "A LoadBalancer gets an address reachable from the internet, and a NodePort opens the port on every " +
			"node: the database's login is then exposed to password guessing and to the service's own " +
			"vulnerabilities. The application reaches it through a ClusterIP Service.",
		Bad:  "kind: Service\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 5432",
		Good: "kind: Service\nspec:\n  type: ClusterIP\n  ports:\n    - port: 5432",
		Fix:  "Use a ClusterIP Service for databases and caches; reach them from outside only through a bastion or kubectl port-forward.",
		References: []string{
			"https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, o := range k8sObjects(pass) {
			if o.Kind != "Service" {
				continue
			}
			typ := o.Doc.Get("spec.type")
			if typ == nil || (typ.Value != "LoadBalancer" && typ.Value != "NodePort") {
				continue
			}
			if r := o.Doc.Get("spec.loadBalancerSourceRanges"); r != nil && len(r.Content) > 0 {
				continue
			}
			ports := o.Doc.Get("spec.ports")
			if ports == nil || ports.Kind != yaml.SequenceNode {
				continue
			}
			for _, p := range ports.Content {
				for _, key := range []string{"port", "targetPort"} {
					v := inf.NodeGet(p, key)
					if v == nil {
						continue
					}
					if kind, ok := datastorePorts[v.Value]; ok {
						pass.Reportf(at(o.Path, inf.NodePos(v)), "Service %s of type %s exposes %s port %s outside the cluster: its login is open to password guessing", o.Name, typ.Value, kind, v.Value)
						break
					}
				}
			}
		}
	},
}
