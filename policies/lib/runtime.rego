# METADATA
# description: |
#   Helpers for rules about how containers are run (the RT rules): the
#   services of a Compose file and the docker run commands of a script, in
#   one shape (see docs/policies.md, "Input: runtime").
package lib.runtime

import data.lib.result

# containers are the services or docker run commands of the input.
containers contains c if some c in input.containers

# describe names a container in messages: service "web", or the command.
describe(c) := sprintf("service %q", [c.name]) if c.kind == "service"

else := c.name

# sees_all holds when every setting of the container is in front of
# hardline: not a Compose override (the base file may set what it lacks)
# and no option words it cannot read ($DOCKER_OPTS). Rules about a missing
# setting report only then.
sees_all(c) if {
	not c.override
	not c.dynamic
}

# with_fix adds the container's prepared fix named key, when it has one,
# with its applicability: safe when it only adds what the file does not set.
with_fix(finding, c, key, title) := result.with_fix(finding, {
	"title": title,
	"applicability": applicability(c.fixes[key]),
	"edits": c.fixes[key].edits,
}) if {
	c.fixes[key]
} else := finding

applicability(fix) := "safe" if fix.safe

else := "unsafe"

# config reads a setting of data.hardline.config, with a default.
config(name, fallback) := value if {
	value := data.hardline.config[name]
	value != null
} else := fallback

# option is how a setting is written for the kind of container.
option(c, compose, docker) := compose if c.kind == "service"

else := docker

# flag normalises a security option: "seccomp=unconfined" is "seccomp:unconfined".
flag(opt) := lower(replace(trim_space(opt), "=", ":"))
