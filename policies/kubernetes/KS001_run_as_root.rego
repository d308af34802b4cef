# METADATA
# title: Containers must not run as root
# description: |
#   A container may run as root when neither it nor its pod sets
#   runAsNonRoot: true and no runAsUser above 0 applies to it (the image's USER
#   decides), and it does run as root when runAsUser is 0. This is the
#   runAsNonRoot and runAsUser control of the restricted Pod Security
#   Standard. Pods in a user namespace (hostUsers: false) are exempt from 1.35,
#   as in Pod Security Admission. A container that sets runAsUser > 0 without
#   runAsNonRoot: true is reported by KS028.
# custom:
#   id: KS001
#   name: run-as-root
#   severity: warning
#   input: kubernetes
#   remediation: Set securityContext.runAsNonRoot to true (on the pod or on each container) and run the image as a non-zero uid; never set runAsUser to 0.
#   why: |
#     Root in a container is root on the node's kernel: a container escape, a
#     writable hostPath or a kernel bug becomes a node compromise. With
#     runAsNonRoot: true the kubelet refuses to start a container whose user
#     is uid 0.
#   bad: |
#     containers:
#       - name: web
#         image: nginx:1.27
#   good: |
#     securityContext:
#       runAsNonRoot: true
#       runAsUser: 10001
#     containers:
#       - name: web
#         image: nginxinc/nginx-unprivileged:1.27
#   fix: unsafe
#   fix_reason: the kubelet refuses to start a container whose image runs as root once runAsNonRoot is true, so the image may need a non-root USER first
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rules.kubernetes.KS001

import data.lib.kubernetes as k8s

# The pod sets runAsUser: 0, even if every container overrides it (Pod
# Security Admission rejects the pod either way).
deny contains {
	"msg": "pod runs as root (securityContext.runAsUser is 0): use a non-zero uid and runAsNonRoot: true",
	"path": path,
	"fix": {
		"title": "Run the pod as non-root",
		"edits": [
			{"op": "delete", "path": path},
			{"op": "set", "path": array.concat(pod.path, ["securityContext", "runAsNonRoot"]), "value": true},
		],
	},
} if {
	some pod in input.pods
	pod.spec.securityContext.runAsUser == 0
	not k8s.user_namespace_exempt(pod)
	path := array.concat(pod.path, ["securityContext", "runAsUser"])
}

# A container sets runAsUser: 0.
deny contains {
	"msg": sprintf("%s runs as root (runAsUser is 0): use a non-zero uid and runAsNonRoot: true", [k8s.describe(c)]),
	"path": path,
	"fix": {
		"title": "Run the container as non-root",
		"edits": [
			{"op": "delete", "path": path},
			{"op": "set", "path": array.concat(c.path, ["securityContext", "runAsNonRoot"]), "value": true},
		],
	},
} if {
	some pod in input.pods
	some c in pod.containers
	c.spec.securityContext.runAsUser == 0
	not k8s.user_namespace_exempt(pod)
	path := array.concat(c.path, ["securityContext", "runAsUser"])
}

# No uid applies and runAsNonRoot is not true: the image's USER decides.
deny contains {
	"msg": sprintf("%s may run as root%s: set runAsNonRoot: true or runAsUser > 0", [k8s.describe(c), why_not(c)]),
	"path": path,
	"fix": {
		"title": "Set runAsNonRoot to true",
		"edits": [{"op": "set", "path": path, "value": true}],
	},
} if {
	some pod in input.pods
	some c in pod.containers
	object.get(c.security, ["runAsUser", "value"], null) == null # not k8s.effective(c, "runAsUser")
	not c.security.runAsNonRoot.value == true # k8s.run_as_non_root(c)
	not k8s.user_namespace_exempt(pod)
	path := array.concat(c.path, ["securityContext", "runAsNonRoot"])
}

why_not(c) := " (runAsNonRoot is false)" if {
	k8s.effective(c, "runAsNonRoot").value == false
} else := ""
