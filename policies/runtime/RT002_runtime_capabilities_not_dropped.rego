# METADATA
# title: Containers must drop all capabilities
# description: |
#   A Compose service has no cap_drop: [ALL], or a docker run command no
#   --cap-drop=ALL. Not reported for Compose override files and commands
#   with option words hardline cannot read ($DOCKER_OPTS), whose missing
#   settings may be elsewhere.
# custom:
#   id: RT002
#   name: runtime-capabilities-not-dropped
#   severity: warning
#   input: runtime
#   remediation: 'Drop every capability (cap_drop: [ALL], --cap-drop=ALL) and add back only the ones the process needs.'
#   why: |
#     Docker keeps 14 capabilities by default (CHOWN, DAC_OVERRIDE, SETUID,
#     NET_RAW, ...). Most services need none of them, and each one is a step
#     an attacker in the container does not have to take.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#     docker run app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         cap_drop: [ALL]
#     docker run --cap-drop=ALL app:1.4
#   fix: safe
#   fix_reason: inserting cap_drop into a Compose service that sets none is safe as far as the file goes; adding ALL to a cap_drop it writes, and --cap-drop=ALL in a docker run command, are unsafe fixes, and a process that needs a default capability (binding port 80 as root, chown) must get it back with cap_add
#   references:
#     - https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-3-limit-capabilities-grant-only-specific-capabilities-needed-by-a-container
package rules.runtime.RT002

import data.lib.result
import data.lib.runtime as rt

deny contains rt.with_fix(
	result.at(sprintf("%s keeps the default capabilities: add %s", [rt.describe(c), rt.option(c, "cap_drop: [ALL]", "--cap-drop=ALL")]), c),
	c, "cap_drop", "Drop all capabilities",
) if {
	some c in rt.containers
	rt.sees_all(c)
	not drops_all(c)
	not unknown_drop(c)
}

drops_all(c) if {
	some d in c.cap_drop
	upper(trim_prefix(upper(d.value), "CAP_")) == "ALL"
}

unknown_drop(c) if {
	some d in c.cap_drop
	d.unknown
}
