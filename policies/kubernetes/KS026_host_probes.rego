# METADATA
# title: Probes and lifecycle hooks must not target other hosts
# description: |
#   A liveness, readiness or startup probe, or a postStart or preStop hook,
#   sets httpGet.host or tcpSocket.host, so the kubelet connects to that
#   address instead of the pod. This is the host probes and lifecycle hooks
#   control of the baseline Pod Security Standard (from 1.34), on every
#   container, init container and ephemeral container.
# custom:
#   id: KS026
#   name: host-probes
#   severity: warning
#   input: kubernetes
#   remediation: Remove the host field so that the probe or hook targets the pod's own IP; set an HTTP Host header with httpGet.httpHeaders if needed.
#   why: |
#     The kubelet runs probes and hooks from the node. A host field lets a pod
#     author make the node connect to any address (localhost services on the
#     node, cloud metadata endpoints, other tenants), a server-side request
#     forgery.
#   bad: |
#     livenessProbe:
#       httpGet:
#         host: 169.254.169.254
#         port: 80
#   good: |
#     livenessProbe:
#       httpGet:
#         path: /healthz
#         port: 8080
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
package rules.kubernetes.KS026

import data.lib.kubernetes as k8s
import data.lib.result

# A probe or hook is read where it is (c.spec.livenessProbe.httpGet.host):
# containers rarely have them, and a missing field ends the search at once.

probes := ["livenessProbe", "readinessProbe", "startupProbe"]

hooks := ["postStart", "preStop"]

actions := ["httpGet", "tcpSocket"]

deny contains finding(c, [probe], action, host) if {
	some pod in input.pods
	some c in pod.containers
	some probe in probes
	some action in actions
	host := c.spec[probe][action].host
	is_string(host)
	host != ""
	k8s.at_least(34)
}

deny contains finding(c, ["lifecycle", hook], action, host) if {
	some pod in input.pods
	some c in pod.containers
	some hook in hooks
	some action in actions
	host := c.spec.lifecycle[hook][action].host
	is_string(host)
	host != ""
	k8s.at_least(34)
}

finding(c, handler, action, host) := result.at_path(
	sprintf("%s %s connects to host %q: remove %s.host", [k8s.describe(c), concat(".", handler), host, action]),
	k8s.field_path(c, array.concat(handler, [action, "host"])),
)
