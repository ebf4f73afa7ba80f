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
// includes is the root of a configuration of its own. Well-known files that
// packages install (Debian's proxy_params, certbot's options-ssl-nginx.conf,
// the *_params files) stand in with what they are known to set, placed at
// the include. Any other include that matches nothing stays in the tree,
// and rules that look for a missing directive stay silent where such an
// include could have set it.
//
// Templates (files with {{ or {%: Jinja, cookiecutter, Helm) are not
// deployment files until rendered: compose files, Dockerfiles and Helm
// manifests that hold them are skipped, while an nginx template (an
// Ansible role's nginx.conf.j2) is read with its expressions as opaque
// words and both branches of its ifs. Files under test, example and
// development folders, and devcontainers, are skipped, or reported with
// low severity where the rule says so.
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
		NginxHeadersDropped, NginxNoRateLimit, NginxLoginLimitMisses, NginxAutoindex, NginxServerTokens, NginxBodySize,
		NginxAliasTraversal, NginxSensitiveFiles, NginxProxyHeaders, NginxMediaExecuted,
		ComposeDatastorePublished, ComposePrivileged, ComposeHostNamespace, ComposeDockerSocket,
		ComposeSecretEnvironment, ComposeDBTrust, ComposeAppAroundProxy, ComposeFlatNetwork,
		DockerfileRootUser, DockerfileAddURL, DockerfileSecret, DockerfileBaseImage, DockerfileHTTPDownload,
		DeploymentDebug, DeploymentAllowedHosts, ProxySSLHeader, ForwardedHostFromClient, DeploymentDevServer,
		RedisExposed, MongodExposed, PgHbaTrust, SSHDInsecure, Fail2banNoSSHJail, AppServerTrustsAll, AppServerBypass, UFWOpen, Fail2banNoSiteJail,
		SecurityGroupOpen, DatabasePublic, DatabaseUnencrypted, DatabasePublicSubnet, LoadBalancerListener,
		K8sPrivileged, K8sDatastoreExposed, K8sSecretEnv, K8sIngressNoTLS,
		AlertmanagerSMTP, AlertmanagerDropped, VercelSecretEnv, VercelHeadersMissing,
	}
}
