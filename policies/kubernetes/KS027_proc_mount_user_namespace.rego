# METADATA
# title: Containers in a user namespace must keep the default /proc mount
# description: |
#   A pod in a user namespace (hostUsers: false) sets securityContext.procMount
#   to something other than Default. From 1.35 the baseline Pod Security
#   Standard allows that (KS016 skips such pods) but the restricted one does
#   not.
# custom:
#   id: KS027
#   name: proc-mount-user-namespace
#   severity: warning
#   input: kubernetes
#   remediation: Remove securityContext.procMount or set it to Default.
#   why: |
#     A user namespace maps root in the container to an unprivileged user on
#     the node, which makes an unmasked /proc much less dangerous, but the
#     restricted level still requires the runtime's masks.
#   bad: |
#     spec:
#       hostUsers: false
#       containers:
#         - name: build
#           securityContext:
#             procMount: Unmasked
#   good: |
#     spec:
#       hostUsers: false
#       containers:
#         - name: build
#           securityContext:
#             procMount: Default
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
package rules.kubernetes.KS027

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(
	sprintf("%s sets procMount %q: the restricted pod security standard requires Default even with hostUsers: false", [k8s.describe(c), k8s.security_context(c).procMount]),
	k8s.field_path(c, ["securityContext", "procMount"]),
) if {
	some pod in input.pods
	some c in pod.containers
	c.spec.securityContext.procMount != null # k8s.has(k8s.security_context(c), "procMount")
	c.spec.securityContext.procMount != "Default"
	k8s.user_namespace_exempt(pod)
}
