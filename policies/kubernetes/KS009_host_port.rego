# METADATA
# title: Containers must not use host ports
# description: |
#   A container port sets a non-zero hostPort, which binds the port on the
#   node's own network interfaces. The baseline Pod Security Standard forbids
#   host ports on every container, init container and ephemeral container.
# custom:
#   id: KS009
#   name: host-port
#   severity: warning
#   input: kubernetes
#   remediation: Remove hostPort and expose the port through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.
#   why: |
#     A host port exposes the container on every address of the node, bypasses
#     NetworkPolicies on some network plugins and limits scheduling to one
#     such pod per node.
#   bad: |
#     ports:
#       - containerPort: 8080
#         hostPort: 8080
#   good: |
#     ports:
#       - containerPort: 8080
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/concepts/configuration/overview/#services
package rules.kubernetes.KS009

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("%s binds host port %v: remove hostPort and use a Service", [k8s.describe(c), port.hostPort]),
	"path": array.concat(c.path, ["ports", i, "hostPort"]),
} if {
	some pod in input.pods
	some c in pod.containers
	some i, port in c.spec.ports
	port.hostPort != null # k8s.has(port, "hostPort")
	port.hostPort != 0
}
