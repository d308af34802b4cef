# METADATA
# title: Containers must not run privileged
# description: |
#   securityContext.privileged is true: the container gets every capability,
#   every host device and no seccomp, AppArmor or SELinux confinement. The
#   baseline Pod Security Standard forbids it on every container, init
#   container and ephemeral container.
# custom:
#   id: KS006
#   name: privileged
#   severity: error
#   security_severity: 9.5
#   input: kubernetes
#   remediation: "Remove privileged: true; grant the specific capability or device the workload needs instead."
#   why: |
#     A privileged container is root on the node in all but name: it can load
#     kernel modules, mount the host's disks and escape with a single command.
#   bad: |
#     containers:
#       - name: agent
#         image: registry.example.com/agent:2.0
#         securityContext:
#           privileged: true
#   good: |
#     containers:
#       - name: agent
#         image: registry.example.com/agent:2.0
#         securityContext:
#           privileged: false
#           capabilities:
#             drop: ["ALL"]
#   fix: unsafe
#   fix_reason: node agents (CNI and CSI plugins, device plugins, Docker-in-Docker) may really need host access and stop working; only the owner of the workload can tell
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
package rules.kubernetes.KS006

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("%s runs privileged: remove privileged: true", [k8s.describe(c)]),
	"path": path,
	"fix": {
		"title": "Set privileged to false",
		"edits": [{"op": "set", "path": path, "value": false}],
	},
} if {
	some pod in input.pods
	some c in pod.containers
	c.spec.securityContext.privileged == true
	path := array.concat(c.path, ["securityContext", "privileged"])
}
