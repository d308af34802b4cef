# METADATA
# title: Containers must not run as root
# description: |
#   A Compose service sets no user (or user root or 0), or a docker run
#   command no --user (or --user root or 0), and its image is not one
#   hardline knows to run as a non-root user (distroless :nonroot,
#   Chainguard, nginx-unprivileged, Bitnami). A user set in the image's
#   Dockerfile is checked by DF001 there. Not reported for Compose override
#   files and commands with option words hardline cannot read.
# custom:
#   id: RT006
#   name: runtime-root-user
#   severity: warning
#   input: runtime
#   remediation: Set a non-root user (user "10001:10001", --user 10001:10001) that owns only what the process must write, or set USER in the image.
#   why: |
#     Root in a container is root on the host's kernel: one escape, one
#     mounted host path or one missed capability drop away from the host.
#   bad: |
#     services:
#       app:
#         image: python:3.13-slim
#         user: root
#   good: |
#     services:
#       app:
#         image: python:3.13-slim
#         user: "10001:10001"
#     docker run --user 10001:10001 python:3.13-slim
#   fix: unsafe
#   fix_reason: the fix sets user "10001:10001" on a Compose service; the image must work as that user (files it writes must be writable by it, ports below 1024 need NET_BIND_SERVICE), which hardline cannot tell
#   references:
#     - https://docs.docker.com/reference/compose-file/services/#user
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user
package rules.runtime.RT006

import data.lib.image
import data.lib.result
import data.lib.runtime as rt

deny contains rt.with_fix(
	result.at(sprintf("%s runs as the image's user, root unless its Dockerfile sets USER: set %s", [rt.describe(c), rt.option(c, "user", "--user")]), c),
	c, "user", "Run as user 10001:10001 (the image must work as that user: files it writes, ports below 1024)",
) if {
	some c in rt.containers
	rt.sees_all(c)
	not c.user
	not non_root_image(c)
}

deny contains rt.with_fix(
	result.at(sprintf("%s runs as root (user %s): use a non-root user", [rt.describe(c), c.user.value]), c.user),
	c, "user", "Run as user 10001:10001 (the image must work as that user: files it writes, ports below 1024)",
) if {
	some c in rt.containers
	not c.user.unknown
	root(c.user.value)
}

root(u) if split(trim_space(u), ":")[0] in {"root", "0"}

root(u) if trim_space(u) == ""

non_root_image(c) if image.non_root_default(c.image)
