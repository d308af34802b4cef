# METADATA
# title: Containers must not gain new privileges
# description: |
#   A Compose service has no security_opt: ["no-new-privileges:true"], or a
#   docker run command no --security-opt=no-new-privileges. Not reported
#   for Compose override files and commands with option words hardline
#   cannot read.
# custom:
#   id: RT005
#   name: runtime-no-new-privileges
#   severity: warning
#   input: runtime
#   remediation: Add no-new-privileges:true to security_opt (--security-opt=no-new-privileges).
#   why: |
#     Without it, a setuid binary in the image (su, sudo, ping, a planted
#     one) lets a process become root again. no-new-privileges makes the
#     kernel refuse the escalation.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         security_opt: ["no-new-privileges:true"]
#     docker run --security-opt=no-new-privileges app:1.4
#   fix: safe
#   fix_reason: inserting security_opt into a Compose service that has none changes nothing else; adding to a security_opt it writes, and the option of a docker run command, are unsafe fixes; a process that relies on setuid binaries stops working
#   references:
#     - https://docs.docker.com/reference/cli/docker/container/run/#security-opt
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-4-prevent-in-container-privilege-escalation
package rules.runtime.RT005

import data.lib.result
import data.lib.runtime as rt

deny contains rt.with_fix(
	result.at(sprintf("%s may gain new privileges: add %s", [rt.describe(c), rt.option(c, "security_opt: [\"no-new-privileges:true\"]", "--security-opt=no-new-privileges")]), c),
	c, "no_new_privileges", "Set no-new-privileges",
) if {
	some c in rt.containers
	rt.sees_all(c)
	not no_new_privileges(c)
	not unknown_option(c)
}

no_new_privileges(c) if {
	some o in c.security_opt
	rt.flag(o.value) in {"no-new-privileges", "no-new-privileges:true", "no-new-privileges:1"}
}

unknown_option(c) if {
	some o in c.security_opt
	o.unknown
}
