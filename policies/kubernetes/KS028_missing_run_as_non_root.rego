# METADATA
# title: Containers must set runAsNonRoot to true
# description: |
#   A container runs as a non-zero uid (runAsUser > 0) but runAsNonRoot is not
#   true, or the pod sets runAsNonRoot: false while every container overrides
#   it. The restricted Pod Security Standard requires runAsNonRoot: true
#   regardless of runAsUser, so Pod Security Admission rejects these pods even
#   though they do not run as root (KS001 reports the ones that may). Pods in
#   a user namespace (hostUsers: false) are exempt from 1.35.
# custom:
#   id: KS028
#   name: missing-run-as-non-root
#   severity: warning
#   input: kubernetes
#   remediation: Set securityContext.runAsNonRoot to true on the pod or on the container.
#   why: |
#     runAsNonRoot: true makes the kubelet check the uid before it starts the
#     container, so a later change of runAsUser or of the image cannot
#     silently bring root back. Namespaces enforcing the restricted level
#     reject pods without it.
#   bad: |
#     securityContext:
#       runAsUser: 10001
#   good: |
#     securityContext:
#       runAsUser: 10001
#       runAsNonRoot: true
#   fix: safe
#   fix_reason: the uid that applies is already non-zero, so the kubelet's check passes
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
package rules.kubernetes.KS028

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.with_fix(
	result.at_path(
		sprintf("%s runs as uid %v but %s: set runAsNonRoot: true", [k8s.describe(c), uid, state(c)]),
		path,
	),
	{
		"title": "Set runAsNonRoot to true",
		"edits": [{"op": "set", "path": path, "value": true}],
	},
) if {
	some pod in input.pods
	some c in pod.containers
	uid := c.security.runAsUser.value # k8s.effective(c, "runAsUser").value: a number is not null
	is_number(uid)
	uid > 0
	not c.security.runAsNonRoot.value == true # k8s.run_as_non_root(c)
	not k8s.user_namespace_exempt(pod)
	path := k8s.field_path(c, ["securityContext", "runAsNonRoot"])
}

# The pod says false but every container says otherwise: harmless at run time,
# rejected by Pod Security Admission.
deny contains result.with_fix(
	result.at_path("pod sets runAsNonRoot: false: set it to true (every container overrides it)", path),
	{
		"title": "Set runAsNonRoot to true",
		"edits": [{"op": "set", "path": path, "value": true}],
	},
) if {
	some pod in input.pods
	pod.spec.securityContext.runAsNonRoot == false
	not k8s.user_namespace_exempt(pod)
	every c in pod.containers {
		c.spec.securityContext.runAsNonRoot != null # k8s.has(k8s.security_context(c), "runAsNonRoot")
	}
	path := k8s.field_path(pod, ["securityContext", "runAsNonRoot"])
}

state(c) := "sets runAsNonRoot: false" if {
	k8s.effective(c, "runAsNonRoot").value == false
} else := "does not set runAsNonRoot: true"
