package rules.image.IM004_test

import data.rules.image.IM004

r := {"line": 1, "column": 6, "endLine": 1, "endColumn": 30, "offset": 5, "endOffset": 29}

img(ref, registry, repository) := {
	"raw": ref, "ref": ref, "registry": registry, "repository": repository,
	"name": regex.replace(repository, `^.*/`, ""), "tag": "1.0", "digest": "",
	"official": false, "unresolved": false, "source": "from", "range": r,
	"unknown": false, "scratch": false, "pinned": false,
}

dockerfile(images) := {"type": "dockerfile", "images": images}

config(trusted) := {"today": "2026-11-22", "trusted_registries": trusted}

test_untrusted_registry_denied if {
	res := IM004.deny with input as dockerfile([img("ghcr.io/someone/tool:1.0", "ghcr.io", "someone/tool")])
		with data.hardline.config as config(["registry.example.com"])
	res == {{"msg": "image ghcr.io/someone/tool:1.0 comes from ghcr.io, which is not a trusted registry", "range": r}}
}

test_docker_hub_untrusted_denied if {
	count(IM004.deny) == 1 with input as dockerfile([img("python:1.0", "docker.io", "library/python")])
		with data.hardline.config as config(["registry.example.com"])
}

test_trusted_registry_allowed if {
	count(IM004.deny) == 0 with input as dockerfile([img("registry.example.com/team/app:1.0", "registry.example.com", "team/app")])
		with data.hardline.config as config(["registry.example.com"])
}

test_trusted_entry_is_case_and_slash_insensitive if {
	count(IM004.deny) == 0 with input as dockerfile([img("registry.example.com/team/app:1.0", "registry.example.com", "team/app")])
		with data.hardline.config as config(["https://Registry.Example.com/"])
}

test_trusted_prefix_allowed if {
	count(IM004.deny) == 0 with input as dockerfile([img("ghcr.io/acme/app:1.0", "ghcr.io", "acme/app")])
		with data.hardline.config as config(["ghcr.io/acme"])
}

test_prefix_matches_whole_components_only if {
	count(IM004.deny) == 1 with input as dockerfile([img("ghcr.io/acme-evil/app:1.0", "ghcr.io", "acme-evil/app")])
		with data.hardline.config as config(["ghcr.io/acme"])
}

test_docker_library_prefix_trusts_official_images if {
	count(IM004.deny) == 0 with input as dockerfile([img("python:1.0", "docker.io", "library/python")])
		with data.hardline.config as config(["docker.io/library"])
	count(IM004.deny) == 1 with input as dockerfile([img("bitnami/redis:1.0", "docker.io", "bitnami/redis")])
		with data.hardline.config as config(["docker.io/library"])
}

test_docker_hub_alias_entry if {
	count(IM004.deny) == 0 with input as dockerfile([img("python:1.0", "docker.io", "library/python")])
		with data.hardline.config as config(["index.docker.io"])
}

test_off_without_list if {
	count(IM004.deny) == 0 with input as dockerfile([img("ghcr.io/someone/tool:1.0", "ghcr.io", "someone/tool")])
		with data.hardline.config as {"today": "2026-11-22"}
}

test_off_with_empty_list if {
	count(IM004.deny) == 0 with input as dockerfile([img("ghcr.io/someone/tool:1.0", "ghcr.io", "someone/tool")])
		with data.hardline.config as config([])
}

test_unresolved_allowed if {
	i := object.union(img("${REGISTRY}/app:1.0", "docker.io", "app"), {"unresolved": true, "unknown": true})
	count(IM004.deny) == 0 with input as dockerfile([i])
		with data.hardline.config as config(["registry.example.com"])
}

test_kubernetes_container_points_at_field if {
	path := ["spec", "containers", 1, "image"]
	i := object.remove(object.union(img("quay.io/x/y:1.0", "quay.io", "x/y"), {"path": path, "source": "container"}), ["range"])
	res := IM004.deny with input as {"type": "kubernetes", "images": [i]}
		with data.hardline.config as config(["registry.example.com"])
	res == {{"msg": "image quay.io/x/y:1.0 comes from quay.io, which is not a trusted registry", "path": path}}
}

test_prefixes_worked_out_by_hardline_are_read if {
	# hardline gives the normalized list; the rule does not normalize again.
	cfg := object.union(config(["GHCR.io/"]), {"trusted_registry_prefixes": ["ghcr.io"]})
	count(IM004.deny) == 0 with input as dockerfile([img("ghcr.io/someone/tool:1.0", "ghcr.io", "someone/tool")])
		with data.hardline.config as cfg
	count(IM004.deny) == 1 with input as dockerfile([img("quay.io/x/y:1.0", "quay.io", "x/y")])
		with data.hardline.config as cfg
}
