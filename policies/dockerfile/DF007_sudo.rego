# METADATA
# title: Do not use sudo in RUN
# description: |
#   A RUN command runs through sudo (also behind a wrapper such as env or
#   xargs). Build steps already run as root unless a USER says otherwise, and
#   sudo in an image usually means it stays installed, with a sudoers entry
#   that lets the application user become root. Installing a package named
#   sudo is not reported by this rule.
# custom:
#   id: DF007
#   name: sudo
#   severity: warning
#   input: dockerfile
#   remediation: Run the privileged steps before USER switches to the unprivileged user (or switch back with USER root for them), and do not install sudo in the final image; use gosu or su-exec for entrypoints that must drop privileges.
#   why: |
#     sudo behaves unpredictably without a TTY and a login session, and a
#     container user that can sudo is root in all but name.
#   bad: |
#     USER app
#     RUN sudo apt-get install -y curl
#   good: |
#     RUN apt-get install -y curl
#     USER app
#   references:
#     - https://docs.docker.com/build/building/best-practices/#user
#     - https://github.com/hadolint/hadolint/wiki/DL3004
package rules.dockerfile.DF007

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at(msg, c) if {
	some [_, c] in df.running({"sudo"})
	df.program(c.name) == "sudo"
	msg := sprintf("sudo runs %s; build steps already run as root unless USER changed it", [command_name(c)])
}

deny contains result.at_range(msg, df.arg_range(c, i)) if {
	some [_, c] in df.running({"sudo"})
	start := df.arg_start(c)
	start > 0
	df.program(c.name) != "sudo"
	some i, word in c.args
	i < start
	df.program(word) == "sudo"
	msg := sprintf("sudo runs %s through %s; build steps already run as root unless USER changed it", [command_name(c), df.program(c.name)])
}

command_name(c) := c.exec if {
	c.exec != ""
	c.exec != "sudo"
} else := "a command"
