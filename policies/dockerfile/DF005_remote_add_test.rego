package rules.dockerfile.DF005_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF005

add(args) := fx.single("alpine:3.22", [fx.instruction(1, 0, "add", args)])

commit := "0123456789abcdef0123456789abcdef01234567"

test_url_without_checksum_denied_at_arguments if {
	doc := add(["https://example.com/tool-1.2.tar.gz", "/tmp/"])
	res := DF005.deny with input as doc
	res == {{
		"msg": "remote source https://example.com/tool-1.2.tar.gz is added without --checksum, so its content is not verified",
		"range": doc.instructions[1].args_range,
	}}
}

test_remote_sources_denied if {
	every src in [
		"http://example.com/a.tgz",
		"HTTPS://EXAMPLE.COM/a.tgz",
		"https://github.com/acme/repo.git",
		"https://github.com/acme/repo.git#v1.2.0",
		"git@github.com:acme/repo.git",
		"git://example.com/repo.git",
		"ssh://git@example.com/repo.git",
		"github.com/acme/repo",
	] {
		count(DF005.deny) == 1 with input as add([src, "/src"])
	}
}

test_checksum_allowed if {
	doc := fx.single("alpine:3.22", [fx.flagged(
		fx.instruction(1, 0, "add", ["https://example.com/tool-1.2.tar.gz", "/tmp/"]),
		{"checksum": ["sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"]},
	)])
	count(DF005.deny) == 0 with input as doc
}

test_git_source_pinned_to_commit_allowed if {
	count(DF005.deny) == 0 with input as add([concat("#", ["https://github.com/acme/repo.git", commit]), "/src"])
	count(DF005.deny) == 0 with input as add([concat("", ["git@github.com:acme/repo.git#", commit, ":subdir"]), "/src"])
}

test_local_sources_allowed if {
	every args in [
		["app.tar.gz", "/app/"],
		["./https-config", "/etc/"],
		["${RELEASE_URL}", "/tmp/"],
		["repo.git", "/src"],
	] {
		count(DF005.deny) == 0 with input as add(args)
	}
}

test_each_remote_source_reported if {
	count(DF005.deny) == 2 with input as add(["https://a.example.com/a", "https://b.example.com/b", "local", "/dest/"])
}

test_copy_does_not_fetch if {
	count(DF005.deny) == 0 with input as fx.single("alpine:3.22", [fx.instruction(1, 0, "copy", ["https://example.com/a", "/a"])])
}
