# METADATA
# title: Containers must keep the default /proc mount
# description: |
#   securityContext.procMount is set to something other than Default (such as
#   Unmasked), which exposes /proc paths the runtime normally masks. This is
#   the /proc mount control of the baseline Pod Security Standard, on every
#   container, init container and ephemeral container. From 1.35 pods in a
#   user namespace (hostUsers: false) are exempt at the baseline level; the
#   restricted level still forbids it there (KS027).
# custom:
#   id: KS016
#   name: proc-mount
#   severity: error
#   input: kubernetes
#   remediation: Remove securityContext.procMount or set it to Default.
#   why: |
#     The masked /proc paths (such as /proc/kcore, /proc/sysrq-trigger and
#     /proc/acpi) leak host information or let a process act on the node's
#     kernel.
#   bad: |
#     securityContext:
#       procMount: Unmasked
#   good: |
#     securityContext:
#       procMount: Default
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
package rules.kubernetes.KS016

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(
	sprintf("%s sets procMount %q, which unmasks /proc: remove it or use Default", [k8s.describe(c), k8s.security_context(c).procMount]),
	k8s.field_path(c, ["securityContext", "procMount"]),
) if {
	some pod in input.pods
	some c in pod.containers
	c.spec.securityContext.procMount != null # k8s.has(k8s.security_context(c), "procMount")
	c.spec.securityContext.procMount != "Default"
	not k8s.user_namespace_exempt(pod)
}
