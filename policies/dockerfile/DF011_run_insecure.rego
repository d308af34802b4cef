# METADATA
# title: Do not run build steps with --security=insecure
# description: |
#   RUN --security=insecure runs the step without the container sandbox, like a
#   privileged container: it has every capability and the host's devices, and
#   can escape to the build host. It only works where the builder was started
#   with the security.insecure entitlement.
# custom:
#   id: DF011
#   name: run-insecure
#   severity: warning
#   security_severity: 8.5
#   input: dockerfile
#   remediation: Remove --security=insecure and find a way to do the step unprivileged; if it is truly needed, build on a dedicated, isolated builder.
#   bad: |
#     RUN --security=insecure mount -t tmpfs none /mnt
#   good: |
#     RUN --mount=type=tmpfs,target=/mnt make test
#   references:
#     - https://docs.docker.com/reference/dockerfile/#run---security
#     - https://docs.docker.com/reference/cli/docker/buildx/build/#allow
package rules.dockerfile.DF011

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at(msg, inst) if {
	some inst in df.instructions("run")
	some value in df.flag_values(inst, "security")
	lower(value) == "insecure"
	msg := "the build step runs without the sandbox, with full privileges on the builder (RUN --security=insecure)"
}
