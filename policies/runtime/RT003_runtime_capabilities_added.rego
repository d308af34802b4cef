# METADATA
# title: Containers should add no capabilities beyond the allowed ones
# description: |
#   cap_add or --cap-add names a capability outside
#   data.hardline.config.allowed_capabilities (NET_BIND_SERVICE when unset),
#   the same setting (--allowed-capability) as KS005. A CAP_ prefix and
#   letter case are ignored, as Docker ignores them; ALL is never allowed.
# custom:
#   id: RT003
#   name: runtime-capabilities-added
#   severity: warning
#   input: runtime
#   remediation: Remove the capability, or allow it in the configuration (allowed_capabilities, --allowed-capability) if the container really needs it.
#   why: |
#     Every added capability is a piece of root the process keeps: SYS_ADMIN
#     is close to privileged, NET_ADMIN rewrites the host's view of the
#     network when combined with the host network.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         cap_add: [SYS_ADMIN]
#     docker run --cap-add=SYS_ADMIN app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         cap_drop: [ALL]
#         cap_add: [NET_BIND_SERVICE]
#   references:
#     - https://man7.org/linux/man-pages/man7/capabilities.7.html
#     - https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
package rules.runtime.RT003

import data.lib.result
import data.lib.runtime as rt

deny contains result.at(sprintf("%s adds capability %s, which is not allowed (allowed: %s)", [rt.describe(c), cap.value, allowed_text]), cap) if {
	some c in rt.containers
	some cap in c.cap_add
	not cap.unknown
	trim_space(cap.value) != ""
	not normalize(cap.value) in allowed
}

normalize(cap) := trim_prefix(upper(trim_space(cap)), "CAP_")

allowed := {normalize(c) | some c in rt.config("allowed_capabilities", ["NET_BIND_SERVICE"])} - {"ALL"}

allowed_text := concat(", ", sort(allowed)) if count(allowed) > 0

else := "none"
