package rules.dockerfile.DF001_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF001

cmd := fx.instruction(1, 0, "cmd", [`["python", "app.py"]`])

user(i, name) := fx.instruction(i, 0, "user", [name])

test_no_user_on_root_image_denied if {
	doc := fx.single("python:3.12-slim", [cmd])
	res := DF001.deny with input as doc
	res == {{
		"msg": "the final stage runs as root: python:3.12-slim runs as root by default and no USER sets another user",
		"range": doc.instructions[0].range,
	}}
}

test_user_root_denied_at_user if {
	doc := fx.with_user(fx.single("python:3.12-slim", [user(1, "root"), cmd]), 1, "root", "", false)
	res := DF001.deny with input as doc
	res == {{"msg": "the final stage runs as root (USER root)", "range": doc.instructions[1].range}}
}

test_user_uid_zero_with_group_denied if {
	doc := fx.with_user(fx.single("python:3.12-slim", [user(1, "0:0"), cmd]), 1, "0", "0", false)
	res := DF001.deny with input as doc
	res == {{"msg": "the final stage runs as root (USER 0:0)", "range": doc.instructions[1].range}}
}

test_user_root_with_group_denied if {
	doc := fx.with_user(fx.single("alpine:3.22", [user(1, "root:wheel")]), 1, "root", "wheel", false)
	count(DF001.deny) == 1 with input as doc
}

test_non_root_user_allowed if {
	count(DF001.deny) == 0 with input as fx.with_user(fx.single("python:3.12-slim", [user(1, "app"), cmd]), 1, "app", "", false)
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
	doc := fx.single("scratch", [fx.instruction(1, 0, "copy", ["app", "/app"])])
	res := DF001.deny with input as doc
	res == {{
		"msg": "the final stage runs as root: it is built FROM scratch and no USER sets another user",
		"range": doc.instructions[0].range,
	}}
}

test_scratch_with_user_allowed if {
	doc := fx.with_user(fx.single("scratch", [user(1, "65532")]), 1, "65532", "", false)
	count(DF001.deny) == 0 with input as doc
}

test_unresolved_base_not_judged if {
	doc := fx.single("python:3.12", [cmd])
	img := object.union(doc.stages[0].root.image, {"raw": "${BASE}", "unresolved": true})
	stage := object.union(doc.stages[0], {"base": {"kind": "image", "image": img}, "root": {"kind": "image", "image": img}})
	count(DF001.deny) == 0 with input as object.union(doc, {"stages": [stage], "images": [img]})
}

test_only_final_stage_counts if {
	# USER app in the builder does not apply to a final stage FROM another image.
	doc := fx.two_stages("golang:1.25", [fx.instruction(1, 0, "user", ["app"])], "alpine:3.22", [])
	count(DF001.deny) == 1 with input as doc
}

test_inherited_non_root_user_allowed if {
	builder := [fx.instruction(1, 0, "user", ["app"])]
	doc := fx.two_stages("python:3.12", builder, "builder", [])
	with_inherited := object.union(doc, {"stages": [
		doc.stages[0],
		object.union(doc.stages[1], {"user": {
			"user": "app", "group": "", "raw": "app", "instruction": 1,
			"inherited": true, "range": doc.instructions[1].range,
		}}),
	]})
	count(DF001.deny) == 0 with input as with_inherited
}

test_inherited_root_user_denied_at_its_user if {
	builder := [fx.instruction(1, 0, "user", ["root"])]
	doc := fx.two_stages("python:3.12", builder, "builder", [])
	with_inherited := object.union(doc, {"stages": [
		doc.stages[0],
		object.union(doc.stages[1], {"user": {
			"user": "root", "group": "", "raw": "root", "instruction": 1,
			"inherited": true, "range": doc.instructions[1].range,
		}}),
	]})
	res := DF001.deny with input as with_inherited
	res == {{"msg": "the final stage runs as root (USER root)", "range": doc.instructions[1].range}}
}

test_no_stages_no_finding if {
	count(DF001.deny) == 0 with input as {"type": "dockerfile", "errors": [], "stages": [], "instructions": [], "images": []}
}
