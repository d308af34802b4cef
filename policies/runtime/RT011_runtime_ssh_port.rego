# METADATA
# title: Containers must not publish the SSH port
# description: |
#   ports (-p, --publish) publishes container port 22, alone or in a range.
# custom:
#   id: RT011
#   name: runtime-ssh-port
#   severity: warning
#   input: runtime
#   remediation: Do not run an SSH server in the container; use docker exec (or kubectl exec) to get a shell.
#   why: |
#     An SSH server in a container is one more daemon with credentials to
#     steal and guess, outside the image's normal entry point and logs.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         ports: ["2222:22"]
#     docker run -p 2222:22 app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         ports: ["8080:8080"]
#   references:
#     - https://docs.docker.com/reference/cli/docker/container/exec/
package rules.runtime.RT011

import data.lib.result
import data.lib.runtime as rt

deny contains result.at(sprintf("%s publishes the SSH port 22: use docker exec instead of an SSH server", [rt.describe(c)]), p) if {
	some c in rt.containers
	some p in c.ports
	not p.unknown
	ssh(p.target)
}

ssh(target) if trim_space(target) == "22"

ssh(target) if {
	bounds := split(trim_space(target), "-")
	count(bounds) == 2
	to_number(bounds[0]) <= 22
	to_number(bounds[1]) >= 22
}
