# METADATA
# title: Containers should have a read-only root filesystem
# description: |
#   A Compose service has no read_only: true, or a docker run command no
#   --read-only. Not reported for Compose override files and commands with
#   option words hardline cannot read, whose settings may be elsewhere.
# custom:
#   id: RT004
#   name: runtime-writable-root-filesystem
#   severity: warning
#   input: runtime
#   remediation: 'Set read_only: true (--read-only) and mount a tmpfs or a volume where the process must write (tmpfs: [/tmp]).'
#   why: |
#     An attacker who gets code execution in a container with a writable
#     root filesystem can drop tools, change binaries and persist. A
#     read-only root makes the image the only code that runs.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         read_only: true
#         tmpfs: [/tmp]
#     docker run --read-only --tmpfs /tmp app:1.4
#   fix: safe
#   fix_reason: 'inserting read_only into a Compose service that does not set it changes nothing else in the file; turning read_only: false around and adding --read-only to a docker run command are unsafe fixes; a process that writes outside its volumes then fails until it gets a tmpfs or a volume'
#   references:
#     - https://docs.docker.com/reference/cli/docker/container/run/#read-only
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-8-set-filesystem-and-volumes-to-read-only
package rules.runtime.RT004

import data.lib.result
import data.lib.runtime as rt

deny contains rt.with_fix(
	result.at(sprintf("%s has a writable root filesystem: add %s", [rt.describe(c), rt.option(c, "read_only: true", "--read-only")]), c),
	c, "read_only", "Make the root filesystem read-only",
) if {
	some c in rt.containers
	rt.sees_all(c)
	not c.read_only
}

deny contains rt.with_fix(
	result.at(sprintf("%s sets a writable root filesystem: set %s", [rt.describe(c), rt.option(c, "read_only: true", "--read-only")]), c.read_only),
	c, "read_only", "Make the root filesystem read-only",
) if {
	some c in rt.containers
	c.read_only.value == false
	not c.read_only.unknown
}
