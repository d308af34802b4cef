package rules.dockerfile.DF001_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF001

cmd := fx.instruction(1, 0, "cmd", [`["python", "app.py"]`])

cmd_at(i) := fx.instruction(i, 0, "cmd", [`["python", "app.py"]`])

user(i, name) := fx.instruction(i, 0, "user", [name])

copy(i) := fx.instruction(i, 0, "copy", ["app", "/app"])

# finding is the one finding of DF001 on doc.
finding(doc) := f if {
	res := DF001.deny with input as doc
	count(res) == 1
	some f in res
}

debian_user := "RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app"

alpine_user := "RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app"

rhel_user := "RUN groupadd -r -g 10001 app && useradd -r -u 10001 -g app -M -s /sbin/nologin app"

create_title := "Create the unprivileged user app (UID 10001) and run as it"

# insert is the fix edit that inserts text above instruction i of doc.
insert(doc, i, text) := {"op": "insert_lines", "range": doc.instructions[i].range, "text": text}

# append is the fix edit that adds text after the last instruction of doc.
append(doc, text) := {"op": "replace", "range": r, "text": text} if {
	last := doc.instructions[count(doc.instructions) - 1].range
	r := {
		"line": last.endLine, "column": last.endColumn, "endLine": last.endLine, "endColumn": last.endColumn,
		"offset": last.endOffset, "endOffset": last.endOffset,
	}
}

# -- findings ---------------------------------------------------------------

test_no_user_on_root_image_denied if {
	doc := fx.single("python:3.12-slim", [cmd])
	f := finding(doc)
	f.msg == "the final stage runs as root: python:3.12-slim runs as root by default and no USER sets another user"
	f.range == doc.instructions[0].range
}

test_user_root_denied_at_user if {
	doc := fx.with_user(fx.single("python:3.12-slim", [user(1, "root"), cmd_at(2)]), 1, "root", "", false)
	f := finding(doc)
	f.msg == "the final stage runs as root (USER root)"
	f.range == doc.instructions[1].args_range
}

test_user_uid_zero_with_group_denied if {
	doc := fx.with_user(fx.single("python:3.12-slim", [user(1, "0:0"), cmd_at(2)]), 1, "0", "0", false)
	f := finding(doc)
	f.msg == "the final stage runs as root (USER 0:0)"
	f.range == doc.instructions[1].args_range
}

test_user_root_with_group_denied if {
	doc := fx.with_user(fx.single("alpine:3.22", [user(1, "root:wheel")]), 1, "root", "wheel", false)
	count(DF001.deny) == 1 with input as doc
}

test_non_root_user_allowed if {
	count(DF001.deny) == 0 with input as fx.with_user(fx.single("python:3.12-slim", [user(1, "app"), cmd_at(2)]), 1, "app", "", false)
	count(DF001.deny) == 0 with input as fx.with_user(fx.single("python:3.12-slim", [user(1, "10001:10001")]), 1, "10001", "10001", false)
}

test_user_from_unexpanded_variable_allowed if {
	doc := fx.with_user(fx.single("python:3.12-slim", [user(1, "${APP_UID}")]), 1, "${APP_UID}", "", false)
	count(DF001.deny) == 0 with input as doc
}

test_non_root_base_images_allowed if {
	every ref in [
		"gcr.io/distroless/static-debian12:nonroot",
		"gcr.io/distroless/python3-debian12:debug-nonroot",
		"cgr.dev/chainguard/python:latest",
		"cgr.dev/chainguard/static",
		"nginxinc/nginx-unprivileged:1.27-alpine",
		"bitnami/redis:7.4",
	] {
		count(DF001.deny) == 0 with input as fx.single(ref, [cmd])
	}
}

test_root_variants_of_non_root_families_denied if {
	every ref in [
		"gcr.io/distroless/static-debian12",
		"gcr.io/distroless/static-debian12:debug",
		"cgr.dev/chainguard/python:latest-dev",
		"nginx:1.27",
		"ubuntu:24.04",
	] {
		count(DF001.deny) == 1 with input as fx.single(ref, [cmd])
	}
}

test_scratch_without_user_denied if {
	doc := fx.single("scratch", [copy(1)])
	f := finding(doc)
	f.msg == "the final stage runs as root: it is built FROM scratch and no USER sets another user"
	f.range == doc.instructions[0].range
}

test_scratch_with_user_allowed if {
	doc := fx.with_user(fx.single("scratch", [user(1, "65532")]), 1, "65532", "", false)
	count(DF001.deny) == 0 with input as doc
}

test_unresolved_base_not_judged if {
	doc := fx.single("python:3.12", [cmd])
	img := object.union(doc.stages[0].root.image, {"raw": "${BASE}", "unresolved": true, "unknown": true})
	stage := object.union(doc.stages[0], {"base": {"kind": "image", "image": img}, "root": {"kind": "image", "image": img}})
	count(DF001.deny) == 0 with input as object.union(doc, {"stages": [stage], "images": [img]})
}

test_only_final_stage_counts if {
	# USER app in the builder does not apply to a final stage FROM another image.
	doc := fx.two_stages("golang:1.25", [fx.instruction(1, 0, "user", ["app"])], "alpine:3.22", [])
	count(DF001.deny) == 1 with input as doc
}

# inherited gives the final stage of a two_stages doc the USER of instruction 1.
inherited(doc, name) := object.union(doc, {"stages": [
	doc.stages[0],
	object.union(doc.stages[1], {"user": {
		"user": name, "group": "", "raw": name, "instruction": 1,
		"inherited": true, "range": doc.instructions[1].args_range,
	}}),
]})

test_inherited_non_root_user_allowed if {
	doc := fx.two_stages("python:3.12", [fx.instruction(1, 0, "user", ["app"])], "builder", [])
	count(DF001.deny) == 0 with input as inherited(doc, "app")
}

test_inherited_root_user_denied_at_its_user if {
	doc := inherited(fx.two_stages("python:3.12", [fx.instruction(1, 0, "user", ["root"])], "builder", []), "root")
	f := finding(doc)
	f.msg == "the final stage runs as root (USER root)"
	f.range == doc.instructions[1].args_range
}

test_no_stages_no_finding if {
	count(DF001.deny) == 0 with input as {"type": "dockerfile", "errors": [], "stages": [], "instructions": [], "images": []}
}

# -- fixes: which user ------------------------------------------------------

test_fix_creates_user_the_way_the_family_does if {
	every ref, create in {
		"python:3.12-slim": debian_user,
		"ubuntu:24.04": debian_user,
		"alpine:3.22": alpine_user,
		"python:3.13-alpine": alpine_user,
		"busybox:1.37": alpine_user,
		"rockylinux:9": rhel_user,
		"registry.access.redhat.com/ubi9/ubi:9.6": rhel_user,
	} {
		doc := fx.single(ref, [copy(1), cmd_at(2)])
		finding(doc).fix == {"title": create_title, "edits": [insert(doc, 2, concat("", [create, "\nUSER 10001:10001\n"]))]}
	}
}

test_fix_uses_the_user_the_image_ships if {
	every ref, uid in {
		"node:22-slim": "1000:1000",
		"node:22-alpine": "1000:1000",
		"gcr.io/distroless/static-debian12": "65532:65532",
		"cgr.dev/chainguard/python:latest-dev": "65532:65532",
	} {
		doc := fx.single(ref, [copy(1), cmd_at(2)])
		finding(doc).fix == {
			"title": sprintf("Run as the image's unprivileged user (USER %s)", [uid]),
			"edits": [insert(doc, 2, sprintf("USER %s\n", [uid]))],
		}
	}
}

test_fix_bare_uid_without_user_tools if {
	# Amazon Linux and the minimal RHEL images have no useradd; an unknown
	# image may not either. Docker runs a UID that /etc/passwd lacks.
	every ref in ["amazonlinux:2023", "registry.access.redhat.com/ubi9/ubi-minimal", "ghcr.io/acme/base:1", "postgres:17"] {
		doc := fx.single(ref, [copy(1), cmd_at(2)])
		finding(doc).fix == {"title": "Run as the unprivileged UID 10001", "edits": [insert(doc, 2, "USER 10001:10001\n")]}
	}
}

test_fix_scratch_appends_uid if {
	doc := fx.single("scratch", [copy(1)])
	finding(doc).fix == {"title": "Run as the unprivileged UID 10001", "edits": [append(doc, "\nUSER 10001:10001")]}
}

test_no_fix_for_images_that_need_root if {
	every ref in ["nginx:1.27", "httpd:2.4-alpine", "python:3.13-windowsservercore-ltsc2022"] {
		f := finding(fx.single(ref, [copy(1), cmd_at(2)]))
		not f.fix
	}
}

test_fix_reuses_a_created_user if {
	useradd := fx.command(2, "useradd", "useradd", ["--uid", "10001", "--no-create-home", "web"], 0, 0)
	doc := fx.single("python:3.12-slim", [fx.run(1, 0, [useradd]), cmd_at(2)])
	finding(doc).fix == {"title": "Run as user web", "edits": [insert(doc, 2, "USER web\n")]}
}

test_fix_reuses_the_last_non_root_user_before_root if {
	doc := fx.with_user(fx.single("python:3.12-slim", [user(1, "app:app"), user(2, "root"), cmd_at(3)]), 2, "root", "", false)
	finding(doc).fix == {"title": "Run as user app:app", "edits": [{"op": "replace", "range": doc.instructions[2].args_range, "text": "app:app"}]}
}

test_new_user if {
	every args, want in {
		["app"]: "app",
		["--uid", "10001", "--gid", "app", "--no-create-home", "app"]: "app",
		["-u", "1000", "-g", "app", "-s", "/bin/sh", "-D", "web"]: "web",
		["--disabled-password", "--gecos", "", "svc"]: "svc",
		["-D", "web", "www-data"]: "web",
		["-r", "-M", "svc.user"]: "svc.user",
	} {
		DF001.new_user(fx.command(2, "useradd", "useradd", args, 0, 0)) == want
	}
	not DF001.new_user(fx.command(2, "useradd", "useradd", ["-D"], 0, 0))
	not DF001.new_user(fx.command(2, "useradd", "useradd", ["${USER}"], 0, 0))
	not DF001.new_user(fx.command(2, "useradd", "useradd", ["root"], 0, 0))
	DF001.new_user(fx.command(2, "sudo", "useradd", ["-E", "useradd", "-m", "dev"], 0, 0)) == "dev"
}

# -- fixes: where -----------------------------------------------------------

test_fix_replaces_user_root_when_no_run_follows if {
	doc := fx.with_user(fx.single("python:3.12-slim", [copy(1), user(2, "root"), cmd_at(3)]), 2, "root", "", false)
	finding(doc).fix == {"title": create_title, "edits": [
		insert(doc, 2, concat("", [debian_user, "\n"])),
		{"op": "replace", "range": doc.instructions[2].args_range, "text": "10001:10001"},
	]}
}

test_fix_keeps_user_root_for_the_runs_after_it if {
	rest := [user(1, "root"), fx.instruction(2, 0, "run", ["apt-get update"]), cmd_at(3)]
	doc := fx.with_user(fx.single("alpine:3.22", rest), 1, "root", "", false)
	finding(doc).fix == {"title": create_title, "edits": [insert(doc, 3, concat("", [alpine_user, "\nUSER 10001:10001\n"]))]}
}

test_fix_goes_after_the_last_run if {
	# A RUN after the CMD still runs as root: the USER goes after it, at the end.
	doc := fx.single("alpine:3.22", [cmd_at(1), fx.instruction(2, 0, "run", ["true"])])
	finding(doc).fix.edits == [append(doc, concat("", ["\n", alpine_user, "\nUSER 10001:10001"]))]
}

test_fix_before_first_entrypoint if {
	entrypoint := fx.instruction(2, 0, "entrypoint", [`["/app"]`])
	doc := fx.single("alpine:3.22", [copy(1), entrypoint, cmd_at(3)])
	finding(doc).fix.edits == [insert(doc, 2, concat("", [alpine_user, "\nUSER 10001:10001\n"]))]
}

test_fix_goes_above_the_comments_of_the_cmd if {
	commented := object.union(cmd_at(2), {"comments": ["# start the app"]})
	doc := fx.single("alpine:3.22", [copy(1), commented])
	after_copy := doc.instructions[1].range.endOffset + 2
	finding(doc).fix.edits == [{
		"op": "insert_lines",
		"range": {"line": 3, "column": 1, "endLine": 3, "endColumn": 1, "offset": after_copy, "endOffset": after_copy},
		"text": concat("", [alpine_user, "\nUSER 10001:10001\n"]),
	}]
}

test_fix_in_the_final_stage_only if {
	doc := fx.two_stages("golang:1.25", [], "alpine:3.22", [cmd_at(2)])
	finding(doc).fix.edits == [insert(doc, 2, concat("", [alpine_user, "\nUSER 10001:10001\n"]))]
}

test_fix_for_inherited_root_goes_in_the_final_stage if {
	doc := inherited(fx.two_stages("python:3.12", [fx.instruction(1, 0, "user", ["root"])], "builder", []), "root")
	finding(doc).fix.edits == [append(doc, concat("", ["\n", debian_user, "\nUSER 10001:10001"]))]
}

test_windows_admin_denied_without_fix if {
	inp := {
		"type": "dockerfile",
		"stages": [{
			"index": 0, "name": "", "final": true, "from": 0,
			"base": {"kind": "image", "image": win},
			"root": {"kind": "image", "image": win},
			"user": {"user": "ContainerAdministrator", "group": "", "raw": "ContainerAdministrator", "instruction": 1, "inherited": false, "range": {"line": 2}},
			"instructions": [0, 1],
		}],
		"instructions": [
			{"index": 0, "stage": 0, "cmd": "from", "args": [win.ref], "range": {"line": 1}},
			{"index": 1, "stage": 0, "cmd": "user", "args": ["ContainerAdministrator"], "range": {"line": 2}},
		],
		"images": [win],
	}
	got := DF001.deny with input as inp
	count(got) == 1
	every f in got {
		not f.fix
	}
}

win := {
	"raw": "mcr.microsoft.com/windows/servercore:ltsc2022", "ref": "mcr.microsoft.com/windows/servercore:ltsc2022",
	"registry": "mcr.microsoft.com", "repository": "windows/servercore", "name": "servercore",
	"tag": "ltsc2022", "digest": "", "official": false, "unresolved": false,
	"unknown": false, "scratch": false, "pinned": false, "source": "from",
	"range": {"line": 1},
}
