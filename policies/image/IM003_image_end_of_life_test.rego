package rules.image.IM003_test

import data.rules.image.IM003

r := {"line": 1, "column": 6, "endLine": 1, "endColumn": 24, "offset": 5, "endOffset": 23}

img(repository, tag) := {
	"raw": ref, "ref": ref, "registry": "docker.io", "repository": repository,
	"name": regex.replace(repository, `^.*/`, ""), "tag": tag, "digest": "",
	"official": startswith(repository, "library/"), "unresolved": false, "source": "from", "range": r,
	"unknown": false, "scratch": false, "pinned": false,
} if ref := concat(":", [regex.replace(repository, `^library/`, ""), tag])

dockerfile(images) := {"type": "dockerfile", "images": images}

today := {"today": "2026-11-22"}

test_eol_python_denied if {
	res := IM003.deny with input as dockerfile([img("library/python", "3.8-slim")]) with data.hardline.config as today
	res == {{"msg": "python 3.8 reached end of life on 2024-10-07", "range": r}}
}

test_eol_debian_codename_denied if {
	res := IM003.deny with input as dockerfile([img("library/debian", "buster-slim")]) with data.hardline.config as today
	res == {{"msg": "debian 10 reached end of life on 2024-06-30", "range": r}}
}

test_eol_node_denied if {
	res := IM003.deny with input as dockerfile([img("library/node", "18-alpine")]) with data.hardline.config as today
	res == {{"msg": "node 18 reached end of life on 2025-04-30", "range": r}}
}

test_openjdk_message_names_the_deprecation if {
	some f in IM003.deny with input as dockerfile([img("library/openjdk", "17-jdk-slim")]) with data.hardline.config as today
	startswith(f.msg, "openjdk 17 reached end of life on 2022-07-31: the openjdk image is deprecated")
}

test_supported_release_allowed if {
	count(IM003.deny) == 0 with input as dockerfile([
		img("library/python", "3.13-slim"),
		img("library/node", "22-alpine"),
		img("library/debian", "bookworm"),
		img("library/ubuntu", "24.04"),
		img("library/eclipse-temurin", "21-jre"),
	])
		with data.hardline.config as today
}

test_eol_date_itself_is_past if {
	count(IM003.deny) == 1 with input as dockerfile([img("library/python", "3.8")])
		with data.hardline.config as {"today": "2024-10-07"}
	count(IM003.deny) == 0 with input as dockerfile([img("library/python", "3.8")])
		with data.hardline.config as {"today": "2024-10-06"}
}

test_no_today_no_finding if {
	count(IM003.deny) == 0 with input as dockerfile([img("library/python", "2.7")])
		with data.hardline.config as {}
}

test_tag_without_version_not_judged if {
	count(IM003.deny) == 0 with input as dockerfile([
		img("library/python", "latest"),
		img("library/python", "3"),
		img("library/debian", "stable-slim"),
		img("library/node", "lts-alpine"),
		img("library/mysql", "8"),
	])
		with data.hardline.config as today
}

test_unknown_image_not_judged if {
	count(IM003.deny) == 0 with input as dockerfile([img("acme/python", "3.8")]) with data.hardline.config as today
}

test_unresolved_not_judged if {
	i := object.union(img("library/python", "3.8"), {"unresolved": true, "unknown": true})
	count(IM003.deny) == 0 with input as dockerfile([i]) with data.hardline.config as today
}

test_kubernetes_container_points_at_field if {
	path := ["spec", "containers", 0, "image"]
	i := object.remove(object.union(img("library/postgres", "13-alpine"), {"path": path, "source": "container"}), ["range"])
	res := IM003.deny with input as {"type": "kubernetes", "images": [i]} with data.hardline.config as today
	res == {{"msg": "postgresql 13 reached end of life on 2025-11-13", "path": path}}
}
