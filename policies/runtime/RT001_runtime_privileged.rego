# METADATA
# title: Containers must not run privileged
# description: |
#   A Compose service sets privileged: true, or a docker run (podman run,
#   docker create) command passes --privileged.
# custom:
#   id: RT001
#   name: runtime-privileged
#   severity: error
#   security_severity: 9.5
#   input: runtime
#   remediation: Remove privileged; add only the capabilities (cap_add, --cap-add) and devices (devices, --device) the container needs.
#   why: |
#     A privileged container has every capability, every host device and no
#     seccomp, AppArmor or SELinux confinement: root in it is root on the
#     host, one mount away.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         privileged: true
#     docker run --privileged app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         cap_add: [NET_ADMIN]
#     docker run --cap-drop=ALL --cap-add=NET_ADMIN app:1.4
#   fix: unsafe
#   fix_reason: the fix removes privileged, which breaks a container that uses what it grants (devices, mounts, kernel settings)
#   references:
#     - https://docs.docker.com/reference/cli/docker/container/run/#privileged
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html
package rules.runtime.RT001

import data.lib.result
import data.lib.runtime as rt

deny contains rt.with_fix(
	result.at(sprintf("%s runs privileged: remove %s", [rt.describe(c), rt.option(c, "privileged: true", "--privileged")]), c.privileged),
	c, "privileged", "Remove privileged",
) if {
	some c in rt.containers
	c.privileged.value == true
	not c.privileged.unknown
}
