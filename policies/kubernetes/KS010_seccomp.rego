# METADATA
# title: Pods must set a seccomp profile
# description: |
#   No seccomp profile applies to a container: neither the pod's nor the
#   container's securityContext.seccompProfile is set, so the container runs
#   Unconfined on most clusters. The restricted Pod Security Standard requires
#   RuntimeDefault or Localhost for every container, from 1.19; Windows pods
#   are exempt from 1.25. An explicit Unconfined (or any other type) is worse
#   and is reported by KS013 at both levels.
# custom:
#   id: KS010
#   name: seccomp
#   severity: warning
#   input: kubernetes
#   remediation: Set the pod's securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile).
#   why: |
#     Seccomp filters the system calls a container can make. Without a
#     profile, a compromised process can use every system call of the node's
#     kernel, including the rarely used ones most kernel exploits need.
#   bad: |
#     spec:
#       containers:
#         - name: web
#           image: registry.example.com/web:1.4
#   good: |
#     spec:
#       securityContext:
#         seccompProfile:
#           type: RuntimeDefault
#       containers:
#         - name: web
#           image: registry.example.com/web:1.4
#   fix: unsafe
#   fix_reason: RuntimeDefault blocks system calls that a few workloads use (ptrace for debuggers and profilers, unshare and mount for sandboxes and build tools, io_uring with some runtimes); almost all applications run unchanged, but it cannot be known from the manifest
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tutorials/security/seccomp/
package rules.kubernetes.KS010

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("no seccomp profile applies to %s: set the pod's securityContext.seccompProfile.type to RuntimeDefault", [concat(", ", names)]),
	"path": path,
	"fix": {
		"title": "Use the RuntimeDefault seccomp profile",
		"edits": [{"op": "set", "path": path, "value": "RuntimeDefault"}],
	},
} if {
	some pod in input.pods

	# not k8s.effective(c, "seccompProfile"), read directly
	names := [k8s.describe(c) | some c in pod.containers; object.get(c.security, ["seccompProfile", "value"], null) == null]
	count(names) > 0
	k8s.at_least(19)
	not k8s.windows_exempt(pod)
	path := array.concat(pod.path, ["securityContext", "seccompProfile", "type"])
}
