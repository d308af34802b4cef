# METADATA
# title: Containers must drop all capabilities
# description: |
#   securityContext.capabilities.drop does not hold "ALL", so the container
#   keeps the runtime's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER,
#   SETUID, SETGID, NET_RAW with some runtimes, ...). The restricted Pod
#   Security Standard requires drop: ["ALL"] (upper case) on every container,
#   init container and ephemeral container, from 1.22; Windows pods are exempt
#   from 1.25.
# custom:
#   id: KS004
#   name: capabilities-not-dropped
#   severity: warning
#   input: kubernetes
#   remediation: Add "ALL" to securityContext.capabilities.drop and add back only what the application needs (at most NET_BIND_SERVICE).
#   why: |
#     Default capabilities let root in the container change file ownership,
#     bypass file permissions, switch users and, with NET_RAW, spoof packets on
#     the pod network. Few applications need any of them.
#   bad: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#   good: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#         securityContext:
#           capabilities:
#             drop: ["ALL"]
#   fix: unsafe
#   fix_reason: programs that start as root and then chown files or switch users (nginx, postgres entrypoints) fail without their capabilities
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://man7.org/linux/man-pages/man7/capabilities.7.html
package rules.kubernetes.KS004

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("%s does not drop all capabilities: add \"ALL\" to securityContext.capabilities.drop", [k8s.describe(c)]),
	"path": path,
	"fix": {
		"title": "Drop all capabilities",
		"edits": [{"op": "add_to_list", "path": path, "values": ["ALL"]}],
	},
} if {
	some pod in input.pods
	some c in pod.containers
	not drops_all(c)
	k8s.at_least(22)
	not k8s.windows_exempt(pod)
	path := array.concat(c.path, ["securityContext", "capabilities", "drop"])
}

drops_all(c) if "ALL" in c.spec.securityContext.capabilities.drop
