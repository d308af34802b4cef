# Tests of lib.dockerfile, and fixtures that build Dockerfile inputs with the
# shape of the real model (docs/policies.md) for the DF rule tests.
package lib.dockerfile_test

import data.lib.dockerfile as df

# span is a range on one line, columns [column, end_column).
span(line, column, end_column) := {
	"line": line, "column": column, "endLine": line, "endColumn": end_column,
	"offset": (((line - 1) * 100) + column) - 1, "endOffset": (((line - 1) * 100) + end_column) - 1,
}

# image is the Image of a reference written on a FROM at `line`, such as
# "python:3.12-slim", "ghcr.io/acme/app:1" or "gcr.io/distroless/static:nonroot".
image(ref, line) := {
	"raw": ref, "ref": ref, "registry": registry, "repository": repository,
	"name": regex.replace(path, `^.*/`, ""), "tag": tag, "digest": "",
	"official": official, "unresolved": false,
	"unknown": false, "scratch": false, "pinned": false, "source": "from",
	"range": span(line, 6, 6 + count(ref)),
} if {
	parts := split(ref, ":")
	name := parts[0]
	tag := tag_of(parts)
	segments := split(name, "/")
	registry := host(segments)
	path := trim_prefix(name, concat("", [registry, "/"]))
	official := is_official(registry, name)
	repository := official_repository(official, path)
}

tag_of(parts) := parts[1] if {
	count(parts) > 1
} else := ""

host(segments) := segments[0] if {
	count(segments) > 1
	regex.match(`[.:]|^localhost$`, segments[0])
} else := "docker.io"

is_official(registry, name) if {
	registry == "docker.io"
	not contains(name, "/")
} else := false

official_repository(true, path) := concat("/", ["library", path])

official_repository(false, path) := path

# instruction is instruction number i (0-based) of stage s, written on line i + 1.
instruction(i, s, cmd, args) := {
	"index": i, "stage": s, "cmd": cmd, "args": args, "json": false, "flags": {},
	"original": text, "range": span(i + 1, 1, 1 + count(text)),
	"keyword_range": span(i + 1, 1, 1 + count(cmd)),
	"args_range": span(i + 1, 2 + count(cmd), 1 + count(text)),
	"heredocs": [], "commands": [], "comments": [],
} if text := concat(" ", array.concat([upper(cmd)], args))

# flagged sets an instruction's --name=value flags.
flagged(inst, flags) := object.union(inst, {"flags": flags})

# command is a simple command of a RUN on `line`; each argument gets its own range.
command(line, name, exec, args, pipeline, position) := {
	"name": name, "exec": exec, "args": args,
	"arg_ranges": [span(line, 10 + (10 * k), 18 + (10 * k)) | some k, _ in args],
	"range": span(line, 5, 20 + (10 * count(args))),
	"pipeline": pipeline, "position": position,
}

# run is RUN instruction i of stage s holding the commands.
run(i, s, commands) := object.union(instruction(i, s, "run", [concat(" ", [c.name | some c in commands])]), {"commands": commands})

# single is a one-stage Dockerfile built FROM ref, followed by the rest of its
# instructions (numbered from 1, stage 0).
single(ref, rest) := {
	"type": "dockerfile", "path": "Dockerfile", "directives": {}, "errors": [], "warnings": [], "args": [],
	"stages": [{
		"index": 0, "name": "", "final": true, "from": 0,
		"base": base, "root": base,
		"instructions": [i | some i in numbers.range(0, count(rest))],
	}],
	"instructions": array.concat([instruction(0, 0, "from", [ref])], rest),
	"images": [img | img := object.get(base, "image", null); img != null],
} if base := from(ref)

from("scratch") := {"kind": "scratch"}

from(ref) := {"kind": "image", "image": image(ref, 1)} if ref != "scratch"

# with_user gives the final stage the USER set by instruction i of doc; its
# range is the USER's argument, as in the model.
with_user(doc, i, user, group, inherited) := object.union(doc, {"stages": [object.union(s, {"user": {
	"user": user, "group": group, "raw": doc.instructions[i].args[0],
	"instruction": i, "inherited": inherited, "range": doc.instructions[i].args_range,
}}) |
	some s in doc.stages
]})

# two_stages is a Dockerfile with a builder stage FROM builder_ref and a final
# stage FROM final_from: "builder" (built on the first stage) or an image.
# builder_rest and final_rest are the stages' other instructions, numbered
# 1.. and n+2.. (n = count(builder_rest)).
two_stages(builder_ref, builder_rest, final_from, final_rest) := {
	"type": "dockerfile", "path": "Dockerfile", "directives": {}, "errors": [], "warnings": [], "args": [],
	"stages": [
		{
			"index": 0, "name": "builder", "final": false, "from": 0, "base": b, "root": b,
			"instructions": [i | some i in numbers.range(0, n)],
		},
		{
			"index": 1, "name": "", "final": true, "from": n + 1, "base": f, "root": root,
			"instructions": [i | some i in numbers.range(n + 1, (n + 1) + count(final_rest))],
		},
	],
	"instructions": array.concat(
		array.concat([instruction(0, 0, "from", [builder_ref, "AS", "builder"])], builder_rest),
		array.concat([instruction(n + 1, 1, "from", [final_from])], final_rest),
	),
	"images": [img | some s in [b, f]; img := object.get(s, "image", null); img != null],
} if {
	n := count(builder_rest)
	b := from(builder_ref)
	f := final_base(final_from, n)
	root := final_root(final_from, b, f)
}

final_root("builder", b, _) := b

final_root(ref, _, f) := f if ref != "builder"

final_base("builder", _) := {"kind": "stage", "stage": 0}

final_base(ref, n) := {"kind": "image", "image": image(ref, n + 2)} if ref != "builder"

# -- tests of the helpers ---------------------------------------------------

test_fixture_image_shapes if {
	image("python:3.12", 1).repository == "library/python"
	image("python:3.12", 1).official
	image("bitnami/redis:7", 1).repository == "bitnami/redis"
	image("gcr.io/distroless/static:nonroot", 1).registry == "gcr.io"
	image("gcr.io/distroless/static:nonroot", 1).repository == "distroless/static"
	image("ubuntu", 1).tag == ""
}

test_final_stage_and_from if {
	doc := two_stages("golang:1.25", [], "alpine:3.22", [])
	df.final_stage.index == 1 with input as doc
	df.final_from.index == 1 with input as doc
	df.root_image.ref == "alpine:3.22" with input as doc
}

test_image_stages_follow_stage_bases if {
	df.image_stages == {0, 1} with input as two_stages("golang:1.25", [], "builder", [])
	df.image_stages == {1} with input as two_stages("golang:1.25", [], "alpine:3.22", [])
}

test_instructions_by_keyword if {
	doc := single("alpine:3.22", [instruction(1, 0, "run", ["true"]), instruction(2, 0, "user", ["app"])])
	count(df.instructions("RUN")) == 1 with input as doc
	count(df.instructions("user")) == 1 with input as doc
	count(df.instructions("copy")) == 0 with input as doc
}

test_env_pairs_key_value_words if {
	# ENV A=1 B="two words": BuildKit gives alternating names and values.
	inst := instruction(1, 0, "env", ["A", "1", "B", `"two words"`])
	df.env_pairs(inst) == {["A", "1"], ["B", "two words"]}
}

test_env_pairs_legacy_form if {
	# ENV KEY value with spaces
	inst := instruction(1, 0, "env", ["KEY", "value with spaces"])
	df.env_pairs(inst) == {["KEY", "value with spaces"]}
}

test_env_pairs_assignment_words if {
	inst := instruction(1, 0, "env", ["A=1", "B='x=y'"])
	df.env_pairs(inst) == {["A", "1"], ["B", "x=y"]}
}

test_arg_pairs if {
	df.arg_pairs(instruction(1, 0, "arg", ["TOKEN=abc"])) == {["TOKEN", "abc"]}
	df.arg_pairs(instruction(1, 0, "arg", ["A=1", "B"])) == {["A", "1"]}
	df.arg_pairs(instruction(1, 0, "arg", ["EMPTY="])) == {["EMPTY", ""]}
	df.arg_pairs(instruction(1, 0, "arg", ["NAME"])) == set()
}

test_assignments if {
	doc := single("alpine:3.22", [
		instruction(1, 0, "arg", ["VERSION=1"]),
		instruction(2, 0, "env", ["HOME", "/app"]),
	])
	{[inst.cmd, name, value] | some [inst, name, value] in df.assignments} == {["arg", "VERSION", "1"], ["env", "HOME", "/app"]} with input as doc
}

test_exec_args_skip_wrappers if {
	c := command(2, "sudo", "sh", ["-E", "sh", "-x"], 0, 1)
	df.arg_start(c) == 2
	df.exec_args(c) == [[2, "-x"]]
	plain := command(2, "chmod", "chmod", ["-R", "777", "/app"], 0, 0)
	df.arg_start(plain) == 0
	count(df.exec_args(plain)) == 3
	path := command(2, "/bin/chmod", "chmod", ["777", "/app"], 0, 0)
	df.arg_start(path) == 0
}

test_running if {
	doc := single("alpine:3.22", [run(1, 0, [
		command(2, "sudo", "sh", ["-E", "sh", "-x"], 0, 0),
		command(2, "/usr/bin/curl", "curl", ["-fsSL", "https://example.com/"], 1, 0),
	])])
	df.programs == {"sudo", "sh", "curl"} with input as doc
	{c.exec | some [_, c] in df.running({"sudo"})} == {"sh"} with input as doc
	{c.exec | some [_, c] in df.running({"curl", "wget"})} == {"curl"} with input as doc
	count(df.running({"wget"})) == 0 with input as doc

	# The model's index is what is read when the input has it.
	indexed := object.union(doc, {"programs": {"curl": [[1, 1]]}})
	df.programs == {"curl"} with input as indexed
	{c.exec | some [_, c] in df.running({"curl"})} == {"curl"} with input as indexed
	count(df.running({"sudo"})) == 0 with input as indexed
}

test_arg_start_read_from_the_model if {
	c := object.union(command(2, "sudo", "sh", ["-E", "sh", "-x"], 0, 1), {"arg_start": 1})
	df.arg_start(c) == 1
	df.exec_args(c) == [[1, "sh"], [2, "-x"]]
}

test_arg_range if {
	c := command(2, "chmod", "chmod", ["777", "/app"], 0, 0)
	df.arg_range(c, 0) == c.arg_ranges[0]
	df.arg_range(object.remove(c, ["arg_ranges"]), 0) == c.range
}

test_sources if {
	df.sources(instruction(1, 0, "copy", ["a", "b", "/dest/"])) == ["a", "b"]
	not df.sources(instruction(1, 0, "copy", ["."]))
}

test_unquote if {
	df.unquote(`"a b"`) == "a b"
	df.unquote("'x'") == "x"
	df.unquote(`"`) == `"`
	df.unquote(`"mixed'`) == `"mixed'`
}

test_variables if {
	df.variables("${DB_PASSWORD}")
	df.variables("$TOKEN")
	df.variables("x${A}y")
	not df.variables("pa$$")
	not df.variables("plain")
}

test_root_user if {
	df.root_user("root")
	df.root_user("ROOT")
	df.root_user("0")
	df.root_user("000")
	not df.root_user("10001")
	not df.root_user("app")
	not df.root_user("rootless")
}

# at_offset is an instruction of five characters at line:column and offset.
at_offset(line, column, offset) := {"range": {
	"line": line, "column": column, "endLine": line, "endColumn": column + 5,
	"offset": offset, "endOffset": offset + 5,
}}

test_newline_from_consecutive_instructions if {
	# FROM alpine:3.22 ends at byte 16; the next line starts at 17 after "\n",
	# at 18 after "\r\n", and an indented instruction further on.
	from := {"range": {"line": 1, "column": 1, "endLine": 1, "endColumn": 17, "offset": 0, "endOffset": 16}}
	df.newline == "\n" with input as {"instructions": [from, at_offset(2, 1, 17)]}
	df.newline == "\r\n" with input as {"instructions": [from, at_offset(2, 1, 18)]}
	df.newline == "\r\n" with input as {"instructions": [from, at_offset(2, 3, 20)]}

	# Not on consecutive lines: nothing to tell, "\n".
	df.newline == "\n" with input as {"instructions": [from, at_offset(4, 1, 22)]}
	df.newline == "\n" with input as {"instructions": [from]}
}
