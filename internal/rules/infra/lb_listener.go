package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// LoadBalancerListener finds AWS load-balancer listeners that serve plain
// HTTP or old TLS versions.
var LoadBalancerListener = &analysis.Rule{
	ID: "DJI605", Name: "load-balancer-insecure-listener",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{319, 326}, Checklist: []int{2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "An AWS load balancer forwards plain HTTP, or offers TLS 1.0 and 1.1",
		What: "Reports aws_lb_listener / aws_alb_listener (Terraform) and AWS::ElasticLoadBalancingV2::Listener " +
			"(CloudFormation) with protocol HTTP whose default action forwards to the application instead of " +
			"redirecting, and HTTPS or TLS listeners whose ssl_policy allows TLS 1.0 or 1.1 " +
			"(ELBSecurityPolicy-2016-08, -TLS-1-0-, -TLS-1-1-, the 2015 policies) or who set no policy, which gets " +
			"ELBSecurityPolicy-2016-08 when the listener is not made in the console. A forwarding HTTP listener of a Terraform load " +
			"balancer set internal = true, which only its own network reaches, is low.",
		Why: "A forwarding HTTP listener serves the site in clear beside the HTTPS one; old TLS versions let an " +
			"attacker downgrade clients to protocols with known attacks.",
		Bad:  "resource \"aws_lb_listener\" \"http\" {\n  port     = 80\n  protocol = \"HTTP\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.web.arn\n  }\n}",
		Good: "resource \"aws_lb_listener\" \"http\" {\n  port     = 80\n  protocol = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}",
		Fix:  "Make the port-80 listener redirect to HTTPS, and use ssl_policy ELBSecurityPolicy-TLS13-1-2-2021-06 (or newer) on HTTPS listeners.",
		References: []string{
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
		},
	},
	Run: func(pass *analysis.Pass) {
		c := cloud(pass)
		oldPolicy := func(p string) bool {
			return p == "ELBSecurityPolicy-2016-08" || strings.Contains(p, "TLS-1-0") || strings.Contains(p, "TLS-1-1") ||
				strings.HasPrefix(p, "ELBSecurityPolicy-2015")
		}
		internal := internalLBs(c)
		for _, p := range c.paths {
			if tf := c.tf[p]; tf != nil {
				for _, b := range tf.Blocks {
					if b.Type != "resource" || len(b.Labels) != 2 || (b.Labels[0] != "aws_lb_listener" && b.Labels[0] != "aws_alb_listener") {
						continue
					}
					name := b.Labels[0] + "." + b.Labels[1]
					proto, _ := b.Attrs["protocol"].String()
					if proto == "HTTP" {
						for _, a := range b.Blocks {
							if a.Type != "default_action" {
								continue
							}
							t, ok := a.Attrs["type"].String()
							switch {
							case !ok || t != "forward":
							case onInternalLB(b, internal):
								// internal = true: only the network it sits
								// in reaches it
								pass.Report(analysis.Diagnostic{Location: at(p, a.Attrs["type"].Pos), Severity: report.Low,
									Message: name + " forwards plain HTTP to the application on an internal load balancer, which only its own network reaches: " +
										"the traffic stays inside it, in clear; use HTTPS there too if the network is shared"})
							default:
								pass.Reportf(at(p, a.Attrs["type"].Pos), "%s forwards plain HTTP to the application instead of redirecting to HTTPS", name)
							}
						}
					}
					if v := b.Attrs["ssl_policy"]; v != nil {
						if pol, ok := v.String(); ok && oldPolicy(pol) {
							pass.Reportf(at(p, v.Pos), "%s uses %s, which allows TLS 1.0 and 1.1", name, pol)
						}
					} else if proto == "HTTPS" || proto == "TLS" {
						pass.Reportf(at(p, b.Pos), "%s sets no ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1", name)
					}
				}
			}
			if cf := c.cfn[p]; cf != nil {
				for _, r := range cf.Resources {
					if r.Type != "AWS::ElasticLoadBalancingV2::Listener" {
						continue
					}
					if proto, _ := r.Props.Get("Protocol").String(); proto == "HTTP" {
						if acts := r.Props.Get("DefaultActions"); acts != nil && acts.Kind == inf.VList {
							for _, a := range acts.List {
								if t, ok := a.Get("Type").String(); ok && t == "forward" {
									pass.Reportf(at(p, a.Get("Type").Pos), "%s forwards plain HTTP to the application instead of redirecting to HTTPS", r.Name)
								}
							}
						}
					}
					if v := r.Props.Get("SslPolicy"); v != nil {
						if pol, ok := v.String(); ok && oldPolicy(pol) {
							pass.Reportf(at(p, v.Pos), "%s uses %s, which allows TLS 1.0 and 1.1", r.Name, pol)
						}
					} else if proto, _ := r.Props.Get("Protocol").String(); proto == "HTTPS" || proto == "TLS" {
						pass.Reportf(at(p, r.Pos), "%s sets no SslPolicy, so AWS applies ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1", r.Name)
					}
				}
			}
		}
	},
}

// onInternalLB reports a listener whose load_balancer_arn refers to one
// of the internal load balancers.
func onInternalLB(listener *inf.Block, internal map[string]bool) bool {
	v := listener.Attrs["load_balancer_arn"]
	return v != nil && internal[strings.TrimSuffix(v.Ref, ".arn")]
}

// internalLBs returns the Terraform load balancers set internal = true,
// by reference (aws_lb.flower).
func internalLBs(c *cloudLoad) map[string]bool {
	out := map[string]bool{}
	for _, p := range c.paths {
		tf := c.tf[p]
		if tf == nil {
			continue
		}
		for _, b := range tf.Blocks {
			if b.Type == "resource" && len(b.Labels) == 2 && (b.Labels[0] == "aws_lb" || b.Labels[0] == "aws_alb") && b.Attrs["internal"].Truth() == 1 {
				out[b.Labels[0]+"."+b.Labels[1]] = true
			}
		}
	}
	return out
}
