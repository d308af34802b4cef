package rules.image.IM001_test

import data.rules.image.IM001

r := {"line": 1, "column": 6, "endLine": 1, "endColumn": 20, "offset": 5, "endOffset": 19}

# img is an Image as the Dockerfile parser builds it.
img(ref, repository, tag, digest) := {
	"raw": ref, "ref": ref, "registry": "docker.io", "repository": repository,
	"name": regex.replace(repository, `^.*/`, ""), "tag": tag, "digest": digest,
	"official": startswith(repository, "library/"), "unresolved": false, "source": "from", "range": r,
	"unknown": ref == "", "scratch": repository == "library/scratch", "pinned": startswith(digest, "sha256:"),
}

dockerfile(images) := {"type": "dockerfile", "images": images}

test_no_tag_denied_with_pin_fix if {
	i := img("python", "library/python", "", "")
	res := IM001.deny with input as dockerfile([i])
	res == {{
		"msg": "image python uses the implicit latest tag",
		"range": r,
		"fix": {"title": "Pin python to its current digest", "edits": [{"op": "pin_image", "image": i}]},
	}}
}

test_latest_tag_denied_with_pin_fix if {
	i := img("node:latest", "library/node", "latest", "")
	res := IM001.deny with input as dockerfile([i])
	res == {{
		"msg": "image node:latest uses the latest tag",
		"range": r,
		"fix": {"title": "Pin node:latest to its current digest", "edits": [{"op": "pin_image", "image": i}]},
	}}
}

test_latest_tag_any_case_denied if {
	count(IM001.deny) == 1 with input as dockerfile([img("node:LATEST", "library/node", "LATEST", "")])
}

test_versioned_tag_allowed if {
	count(IM001.deny) == 0 with input as dockerfile([img("python:3.12-slim", "library/python", "3.12-slim", "")])
}

test_tag_containing_latest_allowed if {
	count(IM001.deny) == 0 with input as dockerfile([img("app:latest-2024", "acme/app", "latest-2024", "")])
}

test_digest_without_tag_allowed if {
	d := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	count(IM001.deny) == 0 with input as dockerfile([img(concat("@", ["python", d]), "library/python", "", d)])
}

test_latest_with_digest_allowed if {
	d := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	count(IM001.deny) == 0 with input as dockerfile([img(concat("@", ["python:latest", d]), "library/python", "latest", d)])
}

test_scratch_allowed if {
	count(IM001.deny) == 0 with input as dockerfile([img("scratch", "library/scratch", "", "")])
}

test_unresolved_without_tag_allowed if {
	i := object.union(img("${BASE}", "", "", ""), {"raw": "${BASE}", "unresolved": true, "unknown": true})
	count(IM001.deny) == 0 with input as dockerfile([i])
}

test_unresolved_tag_variable_allowed if {
	i := object.union(img("python:${VERSION}", "library/python", "", ""), {"unresolved": true, "unknown": true})
	count(IM001.deny) == 0 with input as dockerfile([i])
}

test_unresolved_with_latest_denied_without_fix if {
	# The digest of an unknown reference cannot be looked up.
	i := object.union(img("${REGISTRY}/app:latest", "app", "latest", ""), {"unresolved": true, "unknown": true})
	res := IM001.deny with input as dockerfile([i])
	res == {{"msg": "image ${REGISTRY}/app:latest uses the latest tag", "range": r}}
}

test_kubernetes_container_points_at_field if {
	path := ["spec", "containers", 0, "image"]
	i := object.remove(object.union(img("nginx", "library/nginx", "", ""), {"source": "container", "path": path}), ["range"])
	res := IM001.deny with input as {"type": "kubernetes", "images": [i]}
	res == {{
		"msg": "image nginx uses the implicit latest tag", "path": path,
		"fix": {"title": "Pin nginx to its current digest", "edits": [{"op": "pin_image", "image": i}]},
	}}
}

test_each_image_reported if {
	count(IM001.deny) == 2 with input as dockerfile([
		img("golang", "library/golang", "", ""),
		img("alpine:3.20", "library/alpine", "3.20", ""),
		img("ghcr.io/acme/tool:latest", "acme/tool", "latest", ""),
	])
}

test_empty_reference_not_judged if {
	i := object.union(img("", "", "", ""), {"source": "container", "path": ["spec", "containers", 0, "image"]})
	count(IM001.deny) == 0 with input as {"type": "kubernetes", "images": [i]}
}
