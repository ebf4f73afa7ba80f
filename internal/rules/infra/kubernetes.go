package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"go.yaml.in/yaml/v3"
)

// k8sObject is one Kubernetes manifest document.
type k8sObject struct {
	Path string
	Kind string
	Name string
	Doc  *inf.YAMLDoc
	Dev  bool
}

// k8sObjects returns the Kubernetes objects of the project's YAML files,
// once per scan. Files that do not parse (Helm templates, which are not
// YAML until rendered) are skipped silently.
func k8sObjects(pass *analysis.Pass) []*k8sObject { return k8sObjectsOf(pass.Project) }

func k8sObjectsOf(p *project.Project) []*k8sObject {
	return p.Memo("infra.k8s", func() any {
		var out []*k8sObject
		for _, f := range p.OfKind(project.Deploy) {
			if project.DeployName(f.Path) != "yaml" {
				continue
			}
			data, err := f.Content()
			if err != nil || !strings.Contains(string(data), "apiVersion") || !strings.Contains(string(data), "kind") {
				continue
			}
			docs, _ := inf.ParseYAMLDocs(data)
			for _, d := range docs {
				kind, api := d.Get("kind"), d.Get("apiVersion")
				if kind == nil || api == nil || kind.Kind != yaml.ScalarNode {
					continue
				}
				name := ""
				if n := d.Get("metadata.name"); n != nil {
					name = n.Value
				}
				out = append(out, &k8sObject{Path: f.Path, Kind: kind.Value, Name: name, Doc: d, Dev: devPath(f.Path)})
			}
		}
		return out
	}).([]*k8sObject)
}

// podSpec returns the pod spec of a workload, or nil.
func (o *k8sObject) podSpec() *yaml.Node {
	switch o.Kind {
	case "Pod":
		return o.Doc.Get("spec")
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController":
		return o.Doc.Get("spec.template.spec")
	case "CronJob":
		return o.Doc.Get("spec.jobTemplate.spec.template.spec")
	}
	return nil
}

// eachEnv calls fn with each entry of the env list of each container of a
// workload, with its container.
func (o *k8sObject) eachEnv(fn func(container, entry *yaml.Node)) {
	spec := o.podSpec()
	if spec == nil {
		return
	}
	for _, c := range containers(spec) {
		env := inf.NodeGet(c, "env")
		if env == nil || env.Kind != yaml.SequenceNode {
			continue
		}
		for _, e := range env.Content {
			fn(c, e)
		}
	}
}

// containers returns the containers and init containers of a pod spec.
func containers(spec *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	for _, key := range []string{"initContainers", "containers"} {
		if list := inf.NodeGet(spec, key); list != nil && list.Kind == yaml.SequenceNode {
			for _, c := range list.Content {
				if c.Kind == yaml.MappingNode {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

func nodeValue(n *yaml.Node, path string) string {
	if v := inf.NodeGet(n, path); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

func (o *k8sObject) describe() string {
	return o.Kind + " " + o.Name
}
