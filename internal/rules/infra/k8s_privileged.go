package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// K8sPrivileged finds pods that run privileged, as root, or in the host's
// namespaces.
var K8sPrivileged = &analysis.Rule{
	ID: "DJI701", Name: "kubernetes-privileged-pod",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{250, 269}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A Kubernetes workload runs privileged, as root, or in the host's namespaces",
		What: "Reports, in Pods and in the pod templates of Deployments, StatefulSets, DaemonSets, Jobs and " +
			"CronJobs: securityContext.privileged: true (high), runAsUser: 0 or runAsNonRoot: false (medium; low in an " +
			"init container, which runs once before the pod serves anything, as the chown of a volume needs), " +
			"allowPrivilegeEscalation: true (medium), and hostNetwork, hostPID or hostIPC: true (medium). " +
			"Helm templates, which are not YAML until rendered, are skipped.",
		Why: "A privileged container or one in the host's namespaces turns a code-execution bug in the " +
			"application into control of the node and of every pod on it; running as root removes the last " +
			"barrier inside the container.",
		Bad:  "securityContext:\n  privileged: true",
		Good: "securityContext:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false\n  capabilities:\n    drop: [ALL]",
		Fix:  "Remove privileged and the host namespaces; set runAsNonRoot: true and allowPrivilegeEscalation: false.",
		References: []string{
			"https://kubernetes.io/docs/concepts/security/pod-security-standards/",
			"https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, o := range k8sObjects(pass) {
			spec := o.podSpec()
			if spec == nil {
				continue
			}
			rep := func(pos inf.Pos, sev report.Severity, msg string) {
				pass.Report(analysis.Diagnostic{Location: at(o.Path, pos), Severity: sev, Message: o.describe() + " " + msg})
			}
			for _, key := range []string{"hostNetwork", "hostPID", "hostIPC"} {
				if v := inf.NodeGet(spec, key); v != nil && trueValue(v.Value) {
					rep(inf.NodePos(v), report.Medium, "sets "+key+": true, sharing the node's namespace with the pod")
				}
			}
			if v := inf.NodeGet(spec, "securityContext.runAsUser"); v != nil && v.Value == "0" {
				rep(inf.NodePos(v), report.Medium, "runs its pod as root (runAsUser: 0)")
			}
			inits := map[*yaml.Node]bool{}
			if list := inf.NodeGet(spec, "initContainers"); list != nil {
				for _, c := range list.Content {
					inits[c] = true
				}
			}
			for _, c := range containers(spec) {
				name := nodeValue(c, "name")
				// An init container runs once, to completion, before the
				// pod serves anything: root there is how volumes get their
				// owner (chown), and no request reaches it.
				rootSev, what, why := report.Medium, "container "+name, ""
				if inits[c] {
					rootSev, what, why = report.Low, "init container "+name, "; it runs once before the pod starts and serves no traffic"
				}
				if v := inf.NodeGet(c, "securityContext.privileged"); v != nil && trueValue(v.Value) {
					rep(inf.NodePos(v), report.SeverityUnset, "runs "+what+" privileged: a code-execution bug in it controls the node")
				}
				if v := inf.NodeGet(c, "securityContext.runAsUser"); v != nil && v.Value == "0" {
					rep(inf.NodePos(v), rootSev, "runs "+what+" as root (runAsUser: 0)"+why)
				}
				if v := inf.NodeGet(c, "securityContext.runAsNonRoot"); v != nil && v.Value == "false" {
					rep(inf.NodePos(v), rootSev, "lets "+what+" run as root (runAsNonRoot: false)"+why)
				}
				if v := inf.NodeGet(c, "securityContext.allowPrivilegeEscalation"); v != nil && trueValue(v.Value) {
					rep(inf.NodePos(v), report.Medium, "lets container "+name+" gain privileges (allowPrivilegeEscalation: true)")
				}
			}
		}
	},
}
