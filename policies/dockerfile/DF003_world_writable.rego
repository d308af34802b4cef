# METADATA
# title: Files must not be world-writable
# description: |
#   A RUN chmod, or a COPY or ADD --chmod, gives write permission to every user
#   (777, 666, o+w, a+w and their 4-digit forms). Any process in the container,
#   whatever its user, can then replace the application's code or
#   configuration. The sticky-bit mode 1777 (the /tmp convention) is not
#   reported; neither is +w, which the default umask limits to the owner.
# custom:
#   id: DF003
#   name: world-writable
#   severity: warning
#   input: dockerfile
#   remediation: Give files to the user that needs them (COPY --chown, chown) and keep the mode at 755 for directories and 644 for files, or 775/664 for a shared group.
#   why: |
#     chmod 777 is usually a quick fix for a permission error. It lets any user
#     in the container, including one an attacker gets through a compromised
#     dependency, overwrite code that another user later runs.
#   bad: |
#     RUN chmod -R 777 /app
#     COPY --chmod=666 config.yaml /etc/app/
#   good: |
#     COPY --chown=app:app app /app
#     RUN chmod -R 755 /app
#   references:
#     - https://docs.docker.com/reference/dockerfile/#copy---chown---chmod
#     - https://cwe.mitre.org/data/definitions/732.html
package rules.dockerfile.DF003

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at_range(msg, df.arg_range(c, i)) if {
	some [_, c] in df.running({"chmod"})
	c.exec == "chmod"
	[i, mode] := chmod_mode(c)
	world_writable(mode)
	msg := sprintf("chmod %s makes %s writable by every user", [mode, targets(c, i)])
}

deny contains result.at(msg, inst) if {
	some inst in (df.instructions("copy") | df.instructions("add"))
	some mode in df.flag_values(inst, "chmod")
	world_writable(mode)
	msg := sprintf("copied files are made writable by every user (%s --chmod=%s)", [upper(inst.cmd), mode])
}

# world_writable modes give write permission to others: octal modes whose
# last digit has the 2 bit (777, 0666, 2777), unless the sticky bit is set
# (1777), and symbolic modes that add w for o or a (o+w, a+rwx, go=rw).
world_writable(mode) if {
	regex.match(`^[0-7]{1,4}$`, mode)
	substring(mode, count(mode) - 1, 1) in {"2", "3", "6", "7"}
	not sticky(mode)
}

world_writable(mode) if {
	some clause in split(mode, ",")
	regex.match(`^[ugoa]*[oa][ugoa]*[+=][rwxXst]*w`, clause)
}

sticky(mode) if {
	count(mode) == 4
	substring(mode, 0, 1) in {"1", "3", "5", "7"}
}

# chmod_mode is the [index, word] of chmod's mode argument: its first
# argument that is not an option (chmod -R 777 dir, chmod -- 777 dir).
# With --reference chmod takes the mode from a file.
chmod_mode(c) := [i, c.args[i]] if {
	args := df.exec_args(c)
	not reference(args)
	i := min({j | some [j, word] in args; not option(word)})
}

option(word) if regex.match(`^-[RvcfhHLP]+$`, word)

option(word) if startswith(word, "--")

reference(args) if {
	some [_, word] in args
	startswith(word, "--reference")
}

# targets are the files the mode applies to, as written.
targets(c, i) := concat(" ", files) if {
	files := [word | some j, word in c.args; j > i]
	count(files) > 0
} else := "files"
