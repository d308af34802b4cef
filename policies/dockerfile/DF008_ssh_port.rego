# METADATA
# title: Do not expose the SSH port
# description: |
#   The image EXPOSEs port 22. An SSH server in a container is a second way in,
#   with its own keys and passwords to manage and patch, and it is never needed
#   to debug or administer a container.
# custom:
#   id: DF008
#   name: ssh-port
#   severity: warning
#   input: dockerfile
#   remediation: Remove the SSH server and EXPOSE 22; use docker exec or kubectl exec (or kubectl debug) to get a shell in a running container.
#   bad: |
#     RUN apt-get install -y openssh-server
#     EXPOSE 22
#   good: |
#     EXPOSE 8080
#   references:
#     - https://docs.docker.com/reference/dockerfile/#expose
#     - https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/
package rules.dockerfile.DF008

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at(msg, inst) if {
	some inst in df.instructions("expose")
	df.in_image(inst)
	some port in inst.args
	ssh(lower(port))
	msg := sprintf("the SSH port is exposed (EXPOSE %s); containers should not run an SSH server", [port])
}

ssh(port) if port in {"22", "22/tcp"}

# a range such as 20-25 or 20-25/tcp that includes 22
ssh(port) if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)(/tcp)?$`, port, 1)[0]
	to_number(m[1]) <= 22
	to_number(m[2]) >= 22
}
