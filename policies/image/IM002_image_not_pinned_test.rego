package rules.image.IM002_test

import data.rules.image.IM002

r := {"line": 1, "column": 6, "endLine": 1, "endColumn": 22, "offset": 5, "endOffset": 21}

digest := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

img(ref, repository, tag, d) := {
	"raw": ref, "ref": ref, "registry": "docker.io", "repository": repository,
	"name": regex.replace(repository, `^.*/`, ""), "tag": tag, "digest": d,
	"official": startswith(repository, "library/"), "unresolved": false, "source": "from", "range": r,
	"unknown": ref == "", "scratch": repository == "library/scratch", "pinned": startswith(d, "sha256:"),
}

dockerfile(images) := {"type": "dockerfile", "images": images}

test_tag_without_digest_denied_with_pin_fix if {
	i := img("python:3.12-slim", "library/python", "3.12-slim", "")
	res := IM002.deny with input as dockerfile([i])
	res == {{
		"msg": "image python:3.12-slim is not pinned to a digest",
		"range": r,
		"fix": {"title": "Pin python:3.12-slim to its digest", "edits": [{"op": "pin_image", "image": i}]},
	}}
}

test_digest_allowed if {
	ref := concat("@", ["python:3.12-slim", digest])
	count(IM002.deny) == 0 with input as dockerfile([img(ref, "library/python", "3.12-slim", digest)])
}

test_scratch_allowed if {
	count(IM002.deny) == 0 with input as dockerfile([img("scratch", "library/scratch", "", "")])
}

test_unresolved_allowed if {
	i := object.union(img("${BASE}", "", "", ""), {"unresolved": true, "unknown": true})
	count(IM002.deny) == 0 with input as dockerfile([i])
}

test_copy_from_image_denied if {
	i := object.union(img("ghcr.io/acme/assets:1.0", "acme/assets", "1.0", ""), {"registry": "ghcr.io", "source": "copy-from"})
	count(IM002.deny) == 1 with input as dockerfile([i])
}

test_kubernetes_container_points_at_field if {
	path := ["spec", "template", "spec", "containers", 0, "image"]
	i := object.remove(object.union(img("nginx:1.27", "library/nginx", "1.27", ""), {"source": "container", "path": path}), ["range"])
	some f in IM002.deny with input as {"type": "kubernetes", "images": [i]}
	f.path == path
	f.fix.edits == [{"op": "pin_image", "image": i}]
}

test_latest_left_to_IM001 if {
	count(IM002.deny) == 0 with input as dockerfile([img("python:latest", "library/python", "latest", "")])
	count(IM002.deny) == 0 with input as dockerfile([img("python", "library/python", "", "")])
}
