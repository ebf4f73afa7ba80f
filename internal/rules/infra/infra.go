// Package infra holds djsec's deployment rules (area I): checks of the files
// that say how the application is served and where it runs. nginx
// configurations (DJI1xx), docker-compose files (DJI2xx), Dockerfiles
// (DJI3xx), the deployment read together with the Django settings
// (DJI4xx), server configurations (DJI5xx), cloud templates (DJI6xx),
// Kubernetes manifests (DJI7xx), Alertmanager (DJI8xx) and Vercel (DJI9xx).
//
// Files are parsed by package internal/infra once per scan (Project.Memo)
// and shared by every rule. nginx includes are resolved inside the scanned
// tree only: an absolute include such as /etc/nginx/conf.d/*.conf is looked
// for below the folder of the configuration that includes it, dropping
// leading folders until something matches. A file that no other nginx file
// includes is the root of a configuration of its own. An include that
// matches nothing stays in the tree, and rules that look for a missing
// directive stay silent where such an include could have set it.
//
// A finding about something missing points at the block where the
// directive belongs (the server or location); a finding about a value
// points at the line that sets it.
package infra

import (
	"github.com/djsec/djsec/internal/analysis"
)

// Rules returns the deployment rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		NginxWeakTLSProtocol, NginxWeakTLSCiphers, NginxHTTPNotRedirected, NginxHSTSMissing,
		NginxHeadersDropped, NginxNoRateLimit, NginxAutoindex, NginxServerTokens, NginxBodySize,
		NginxAliasTraversal, NginxSensitiveFiles, NginxProxyHeaders, NginxMediaExecuted,
		ComposeDatastorePublished, ComposePrivileged, ComposeHostNamespace, ComposeDockerSocket,
		ComposeSecretEnvironment, ComposeDBTrust,
		DockerfileRootUser, DockerfileAddURL, DockerfileSecret, DockerfileBaseImage,
		DeploymentDebug, DeploymentAllowedHosts, ProxySSLHeader,
		RedisExposed, MongodExposed, PgHbaTrust, SSHDInsecure, Fail2banNoSSHJail, AppServerTrustsAll, AppServerBypass,
		SecurityGroupOpen, DatabasePublic, DatabaseUnencrypted,
		K8sPrivileged, K8sDatastoreExposed, K8sSecretEnv,
		AlertmanagerSMTP, VercelSecretEnv, VercelHeadersMissing,
	}
}
