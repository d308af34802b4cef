# METADATA
# title: Containers must not allow privilege escalation
# description: |
#   securityContext.allowPrivilegeEscalation is not false, so a process can
#   gain more privileges than its parent (set-user-ID binaries, file
#   capabilities). The restricted Pod Security Standard requires false on every
#   container, init container and ephemeral container; Windows pods are exempt
#   from 1.25.
# custom:
#   id: KS002
#   name: privilege-escalation
#   severity: warning
#   input: kubernetes
#   remediation: Set securityContext.allowPrivilegeEscalation to false on every container.
#   why: |
#     allowPrivilegeEscalation defaults to true: Linux's no_new_privs flag is
#     off, and a set-user-ID binary such as su or a file with capabilities
#     lets a compromised process become root inside the container.
#   bad: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#   good: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#         securityContext:
#           allowPrivilegeEscalation: false
#   fix: safe
#   fix_reason: application containers do not need to gain privileges at run time; the fix is not offered for privileged containers or ones that add CAP_SYS_ADMIN, which Kubernetes forbids to combine with false
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rules.kubernetes.KS002

import data.lib.kubernetes as k8s

# escalating are the containers allowed to escalate privileges, in pods the
# control applies to.
escalating contains c if {
	some pod in input.pods
	some c in pod.containers
	not c.spec.securityContext.allowPrivilegeEscalation == false
	k8s.at_least(8)
	not k8s.windows_exempt(pod)
}

deny contains {"msg": message(c), "path": path} if {
	some c in escalating
	needs_escalation(c)
	path := array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"])
}

deny contains {"msg": message(c), "path": path, "fix": {
	"title": "Set allowPrivilegeEscalation to false",
	"edits": [{"op": "set", "path": path, "value": false}],
}} if {
	some c in escalating
	not needs_escalation(c)
	path := array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"])
}

message(c) := sprintf("%s sets allowPrivilegeEscalation: true: set it to false", [k8s.describe(c)]) if {
	c.spec.securityContext.allowPrivilegeEscalation == true
} else := sprintf("%s allows privilege escalation: set securityContext.allowPrivilegeEscalation: false", [k8s.describe(c)])

# Kubernetes rejects allowPrivilegeEscalation: false together with
# privileged: true or CAP_SYS_ADMIN, so no fix is offered then.
needs_escalation(c) if k8s.security_context(c).privileged == true

needs_escalation(c) if {
	some cap in k8s.security_context(c).capabilities.add
	cap in {"SYS_ADMIN", "CAP_SYS_ADMIN"}
}
