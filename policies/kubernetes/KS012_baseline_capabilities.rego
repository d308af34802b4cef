# METADATA
# title: Containers must not add capabilities beyond the default set
# description: |
#   securityContext.capabilities.add holds a capability outside the container
#   runtime's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID,
#   KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID,
#   SYS_CHROOT), such as SYS_ADMIN, NET_ADMIN or NET_RAW. This is the
#   capabilities control of the baseline Pod Security Standard, on every
#   container, init container and ephemeral container. Names are compared as
#   written: "chown" or "CAP_CHOWN" is not in the set.
# custom:
#   id: KS012
#   name: baseline-capabilities
#   severity: error
#   input: kubernetes
#   remediation: Remove the capability from securityContext.capabilities.add; write capability names in upper case without the CAP_ prefix.
#   why: |
#     Capabilities beyond the default set are the ones that break isolation:
#     SYS_ADMIN allows mounts and most container escapes, NET_ADMIN rewrites
#     the pod's network, SYS_PTRACE reads other processes' memory, NET_RAW
#     spoofs traffic.
#   bad: |
#     securityContext:
#       capabilities:
#         add: ["SYS_ADMIN"]
#   good: |
#     securityContext:
#       capabilities:
#         drop: ["ALL"]
#         add: ["NET_BIND_SERVICE"]
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://man7.org/linux/man-pages/man7/capabilities.7.html
package rules.kubernetes.KS012

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(
	sprintf("%s adds capability %q, which the baseline pod security standard forbids%s", [k8s.describe(c), cap, hint(cap)]),
	k8s.field_path(c, ["securityContext", "capabilities", "add", i]),
) if {
	some pod in input.pods
	some c in pod.containers
	some i, cap in c.spec.securityContext.capabilities.add
	not cap in k8s.baseline_capabilities
}

hint(cap) := sprintf(" (write it as %q)", [name]) if {
	is_string(cap)
	name := trim_prefix(upper(cap), "CAP_")
	name != cap
	name in k8s.baseline_capabilities
} else := ""
