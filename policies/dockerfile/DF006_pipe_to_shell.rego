# METADATA
# title: Do not pipe downloads into a shell
# description: |
#   A RUN step pipes the output of curl or wget into a shell (sh, bash, dash,
#   zsh, ash, ksh), also through tee or sudo. The script runs as soon as it is
#   downloaded, unreviewed and unverified: whoever controls the server, or the
#   network path, controls the build.
# custom:
#   id: DF006
#   name: pipe-to-shell
#   severity: error
#   input: dockerfile
#   remediation: Download the script to a file, verify its checksum or signature, then run it; or install the tool from a package repository or a pinned release.
#   why: |
#     curl | sh trusts the server completely and leaves no record of what ran;
#     a partial download can even run a truncated script.
#   bad: |
#     RUN curl -fsSL https://example.com/install.sh | sh
#   good: |
#     RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
#      && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
#      && sh /tmp/install.sh
#   references:
#     - https://docs.docker.com/reference/build-checks/
#     - https://cwe.mitre.org/data/definitions/494.html
package rules.dockerfile.DF006

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at(msg, shell) if {
	some [inst, download] in df.running({"curl", "wget"})
	download.exec in {"curl", "wget"}
	some shell in inst.commands
	shell.pipeline == download.pipeline
	shell.position > download.position
	shell.exec in shells
	reads_script_from_stdin(shell)
	msg := sprintf("%s output is piped into %s, which runs the downloaded script unverified", [download.exec, shell.exec])
}

shells := {"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh"}

# A shell reads its script from stdin unless it is given one with -c or as
# a file argument (sh -s and sh - still read stdin).
reads_script_from_stdin(shell) if {
	args := [word | some [_, word] in df.exec_args(shell)]
	not command_option(args)
	not script_file(args)
}

command_option(args) if {
	some word in args
	regex.match(`^-[a-zA-Z]*c[a-zA-Z]*$`, word)
}

script_file(args) if {
	not stdin_option(args)
	some word in args
	not startswith(word, "-")
}

stdin_option(args) if {
	some word in args
	word in {"-", "--"}
}

stdin_option(args) if {
	some word in args
	regex.match(`^-[a-zA-Z]*s[a-zA-Z]*$`, word)
}
