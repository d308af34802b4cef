# METADATA
# title: Containers must not run as root
# description: |
#   The final stage has no USER instruction and its base image runs as root, or
#   its last USER is root (root, 0, root:group, 0:group). Processes in the
#   container then run as UID 0, and a container escape or a writable host
#   mount gives root on the node.
# custom:
#   id: DF001
#   name: root-user
#   severity: warning
#   input: dockerfile
#   remediation: Create an unprivileged user and switch to it with USER before the CMD or ENTRYPOINT, or use a base image that runs as non-root (distroless :nonroot, Chainguard).
#   why: |
#     Root in a container is root on the host as far as the kernel is concerned:
#     it owns files on mounted volumes, may load capabilities the runtime grants,
#     and turns any container breakout into full control of the node. Images run
#     as root unless a USER says otherwise; Docker Official Images do not set one.
#   bad: |
#     FROM python:3.12-slim
#     COPY app /app
#     CMD ["python", "/app/main.py"]
#   good: |
#     FROM python:3.12-slim
#     RUN useradd --uid 10001 --no-create-home app
#     COPY app /app
#     USER 10001
#     CMD ["python", "/app/main.py"]
#   fix: unsafe
#   fix_reason: the process then runs as an unprivileged user, so it can no longer write to paths owned by root (files copied without --chown, /var/run) or bind ports below 1024, and the commands that create the user are chosen from the base image's name; check that the image still builds and starts
#   references:
#     - https://docs.docker.com/reference/dockerfile/#user
#     - https://docs.docker.com/build/building/best-practices/#user
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rules.dockerfile.DF001

import data.lib.dockerfile as df
import data.lib.image
import data.lib.result

deny contains with_fix(result.at_range(sprintf("the final stage runs as root (USER %s)", [user.raw]), user.range)) if {
	user := df.final_stage.user
	df.root_user(user.user)
}

deny contains with_fix(result.at(msg, df.final_from)) if {
	stage := df.final_stage
	not stage.user
	stage.root.kind == "scratch"
	msg := "the final stage runs as root: it is built FROM scratch and no USER sets another user"
}

deny contains with_fix(result.at(msg, df.final_from)) if {
	stage := df.final_stage
	not stage.user
	img := df.root_image
	not image.unknown(img)
	not image.non_root_default(img)
	msg := sprintf("the final stage runs as %s: %s runs as %s by default and no USER sets another user", [admin(img), img.ref, admin(img)])
}

# admin is the all-powerful user of an image: ContainerAdministrator on
# Windows, root elsewhere.
admin(img) := "ContainerAdministrator" if image.family(img) == "windows"

else := "root"

with_fix(finding) := result.with_fix(finding, fix) if {
	fix
} else := finding

# The fix switches to an unprivileged user (target), creating it first when
# needed. A USER root that no RUN follows has its user replaced; otherwise
# the lines go before the final stage's first CMD or ENTRYPOINT after its
# last RUN, or after the last instruction.
fix := {"title": target.title, "edits": edits} if {
	not no_fix
	in_place
	user := df.final_stage.user
	edits := array.concat(
		[insert_before(user.instruction, [target.create]) | target.create != ""],
		[{"op": "replace", "range": user.range, "text": target.user}],
	)
} else := {"title": target.title, "edits": [edit]} if {
	not no_fix
	lines := array.concat([target.create | target.create != ""], [concat(" ", ["USER", target.user])])
	edit := place(lines)
}

# no_fix: switching users would certainly stop these images working. The
# nginx and httpd Docker Official Images bind port 80 as root and switch to
# an unprivileged user themselves (nginxinc/nginx-unprivileged runs as
# non-root); Windows images have no numeric users.
no_fix if image.family(df.root_image) == "windows"

no_fix if {
	img := df.root_image
	img.official
	image.repository(img) in {"nginx", "httpd"}
}

# in_place: the final stage's own USER is root and no RUN follows it, so the
# USER itself can name the unprivileged user.
in_place if {
	user := df.final_stage.user
	not user.inherited
	df.root_user(user.user)
	not run_after(user.instruction)
}

run_after(i) if {
	some j in df.final_stage.instructions
	j > i
	input.instructions[j].cmd == "run"
}

# place inserts lines before the final stage's first CMD or ENTRYPOINT that
# follows its last RUN (the build steps still run as root), or after the last
# instruction when there is none.
place(lines) := insert_before(k, lines) if {
	stage := df.final_stage
	after := max({i | some i in stage.instructions; input.instructions[i].cmd in {"from", "run"}})
	k := min({i | some i in stage.instructions; i > after; input.instructions[i].cmd in {"cmd", "entrypoint"}})
} else := append(lines)

# insert_before inserts lines above instruction k, and above the comments
# that belong to it.
insert_before(k, lines) := {"op": "insert_lines", "range": input.instructions[k].range, "text": text} if {
	count(object.get(input.instructions[k], "comments", [])) == 0
	text := concat("", [concat("", [l, "\n"]) | some l in lines])
} else := {"op": "insert_lines", "range": r, "text": text} if {
	# Two bytes past the end of the instruction before k is on the next line
	# whether lines end in "\n" or "\r\n"; the engine inserts at the start of
	# that line, so above the comments.
	prev := input.instructions[k - 1].range
	r := {
		"line": prev.endLine + 1, "column": 1, "endLine": prev.endLine + 1, "endColumn": 1,
		"offset": prev.endOffset + 2, "endOffset": prev.endOffset + 2,
	}
	text := concat("", [concat("", [l, "\n"]) | some l in lines])
}

# append adds lines after the last instruction: an insertion at its end that
# starts each line with the file's line ending, so a file without a final
# newline keeps having none.
append(lines) := {"op": "replace", "range": at, "text": text} if {
	last := input.instructions[count(input.instructions) - 1].range
	at := {
		"line": last.endLine, "column": last.endColumn, "endLine": last.endLine, "endColumn": last.endColumn,
		"offset": last.endOffset, "endOffset": last.endOffset,
	}
	text := concat("", [concat("", [df.newline, l]) | some l in lines])
}

# target is the user to run as: {"user": USER argument, "create": a RUN line
# creating it or "", "title": the fix title}. In order: a user the Dockerfile
# already switches to or creates; for scratch a bare UID; the unprivileged
# user the base image ships; a user app (UID 10001) created the way the
# base image's distribution does it; a bare UID (Docker runs a UID missing
# from /etc/passwd, with HOME=/).
target := {"user": u, "create": "", "title": sprintf("Run as user %s", [u])} if {
	u := reused_user
} else := numeric if {
	df.final_stage.root.kind == "scratch"
} else := {"user": u, "create": "", "title": sprintf("Run as the image's unprivileged user (USER %s)", [u])} if {
	u := image.non_root_user(df.root_image)
} else := {"user": "10001:10001", "create": cmd, "title": "Create the unprivileged user app (UID 10001) and run as it"} if {
	cmd := create_user[image.family(df.root_image)]
} else := numeric

numeric := {"user": "10001:10001", "create": "", "title": "Run as the unprivileged UID 10001"}

# create_user are the commands that create the group and user app (10001) in
# each distribution family: BusyBox addgroup/adduser on Alpine,
# groupadd/useradd from shadow-utils elsewhere.
create_user := {
	"alpine": "RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app",
	"debian": "RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app",
	"rhel": "RUN groupadd -r -g 10001 app && useradd -r -u 10001 -g app -M -s /sbin/nologin app",
}

# reused_user is a user the Dockerfile already has: the last non-root USER
# before the root one, else the last user a RUN creates with useradd or
# adduser (in the stages the image is built from).
reused_user := u if {
	user := df.final_stage.user
	i := max({inst.index |
		some inst in df.instructions("user")
		df.in_image(inst)
		inst.index < user.instruction
		reusable(inst.args[0])
	})
	u := input.instructions[i].args[0]
} else := u if {
	created := [[c.range.offset, name] |
		some [inst, c] in df.running({"useradd", "adduser"})
		df.in_image(inst)
		c.exec in {"useradd", "adduser"}
		name := new_user(c)
	]
	count(created) > 0
	u := sort(created)[count(created) - 1][1]
}

reusable(raw) if {
	not df.variables(raw)
	not df.root_user(split(raw, ":")[0])
}

# new_user is the user a useradd or adduser command creates: its first
# argument that is neither an option nor an option's value.
new_user(c) := name if {
	words := [w | some [_, w] in df.exec_args(c)]
	names := [w |
		some i, w in words
		not startswith(w, "-")
		not takes_value(words, i - 1)
	]
	name := names[0]
	regex.match(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`, name)
	not df.root_user(name)
}

takes_value(words, i) if words[i] in value_options

# value_options are the options of useradd (shadow-utils), adduser (Debian)
# and adduser (BusyBox) that take a separate value.
value_options := {
	"-b", "-c", "-d", "-e", "-f", "-g", "-G", "-h", "-k", "-K", "-p", "-P", "-R", "-s", "-u", "-Z",
	"--base-dir", "--comment", "--conf", "--expiredate", "--firstgid", "--firstuid", "--gecos", "--gid",
	"--groups", "--home", "--home-dir", "--inactive", "--ingroup", "--key", "--lastgid", "--lastuid",
	"--password", "--prefix", "--root", "--selinux-user", "--shell", "--skel", "--uid",
}
