# METADATA
# title: Containers should add no capabilities beyond the allowed ones
# description: |
#   securityContext.capabilities.add holds a capability outside
#   data.hardline.config.allowed_capabilities (NET_BIND_SERVICE when unset),
#   the capabilities part of the restricted Pod Security Standard (from 1.22;
#   Windows pods are exempt from 1.25). Names are compared as written, like
#   Pod Security Admission does: "chown" or "CAP_CHOWN" is not CHOWN.
#   Capabilities outside the baseline default set (SYS_ADMIN, NET_RAW, ...) are
#   reported by KS012 instead, which applies at both levels.
# custom:
#   id: KS005
#   name: capabilities-added
#   severity: warning
#   input: kubernetes
#   remediation: Remove the capability from securityContext.capabilities.add, or allow it in the configuration (allowed_capabilities) if the workload really needs it.
#   why: |
#     Every added capability is a piece of root the process keeps. The
#     restricted standard allows only NET_BIND_SERVICE (binding ports below
#     1024); anything else should be a reviewed exception.
#   bad: |
#     securityContext:
#       capabilities:
#         drop: ["ALL"]
#         add: ["CHOWN", "SETUID"]
#   good: |
#     securityContext:
#       capabilities:
#         drop: ["ALL"]
#         add: ["NET_BIND_SERVICE"]
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://man7.org/linux/man-pages/man7/capabilities.7.html
package rules.kubernetes.KS005

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(
	sprintf("%s adds capability %q, which is not allowed (allowed: %s)", [k8s.describe(c), cap, allowed_text]),
	k8s.field_path(c, ["securityContext", "capabilities", "add", i]),
) if {
	some pod in input.pods
	some c in pod.containers
	some i, cap in c.spec.securityContext.capabilities.add
	cap in k8s.baseline_capabilities
	not cap in allowed
	k8s.at_least(22)
	not k8s.windows_exempt(pod)
}

allowed := {c | some c in k8s.config("allowed_capabilities", ["NET_BIND_SERVICE"])}

allowed_text := concat(", ", sort(allowed)) if count(allowed) > 0

else := "none"
