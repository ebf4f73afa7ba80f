package settings

// The project's own deployment files say what the settings run with: a
// default used whenever a variable is unset is not what a deployment that
// sets the variable runs with, and a fallback equal to the password the
// project's stack gives its database is that stack's own.

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/infra"
	st "github.com/djsec/djsec/internal/settings"
)

// deployedDefault lowers a finding about a default used "whenever VAR is
// unset" when a production deployment file of the project (a Kubernetes
// ConfigMap or container env, in a manifest or a manifest template, a
// compose service, the image's ENV) sets
// every such variable: the site it deploys does not run with the default,
// and what it sets instead is the deployment rules' to judge.
func deployedDefault(p *project.Project, d *analysis.Diagnostic) {
	vars, _ := d.Properties["env"].([]string)
	if len(vars) == 0 || d.Severity == report.Low {
		return
	}
	if without(p, d, vars) {
		return
	}
	var where []string
	for _, v := range vars {
		at, ok := infra.DeploymentSets(p, v)
		if !ok {
			return
		}
		where = append(where, v+" ("+at.String()+")")
	}
	d.Severity = report.Low
	d.Message += "; but the project's deployment sets " + strings.Join(where, ", ") + ", so the site it deploys does not run with this default: check that every other one sets it too"
}

// without adds to d the compose service that runs the settings without
// one of vars (infra.ComposeRunsWithout), when one does, and reports
// whether it found one: the site that service starts runs with the
// default, whatever other deployment files set. A service runs these
// settings when it sets another variable that the file of the finding
// reads by name.
func without(p *project.Project, d *analysis.Diagnostic, vars []string) bool {
	f := p.File(d.Location.Path)
	if f == nil {
		return false
	}
	src, err := f.Content()
	if err != nil {
		return false
	}
	reads := func(env string) bool {
		return !slices.Contains(vars, env) &&
			(bytes.Contains(src, []byte(`"`+env+`"`)) || bytes.Contains(src, []byte(`'`+env+`'`)))
	}
	for _, v := range vars {
		if service, at, ok := infra.ComposeRunsWithout(p, v, reads); ok {
			d.Message += fmt.Sprintf("; the project's compose service %s (%s) runs these settings without %s, so the site it starts runs with this default", service, at, v)
			return true
		}
	}
	return false
}

// stackFallback reports c, the literal fallback of an environment lookup
// for a credential, as low when the project's compose files or
// Dockerfiles give a service that same value: the fallback lets the
// application reach the services its stack starts, a service set up
// otherwise rejects it, and the value is reported where the stack gives
// it. It returns false, reporting nothing, otherwise.
func (r *reporter) stackFallback(p *project.Project, c st.Case, value, msg string) bool {
	if !c.FromEnv() {
		return false
	}
	where, ok := infra.StackCredential(p, value)
	if !ok {
		return false
	}
	d := pendingAt(c, msg+"; it is the value the project's own stack gives its service ("+where.String()+
		"), so a service set up with another rejects it: check that no server runs without the variable set")
	d.Severity = report.Low
	r.add(d)
	return true
}
