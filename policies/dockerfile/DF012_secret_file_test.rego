package rules.dockerfile.DF012_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF012

copy(args) := fx.single("node:22-alpine", [fx.instruction(1, 0, "copy", args)])

test_ssh_key_denied_at_arguments if {
	doc := copy(["id_rsa", "/root/.ssh/id_rsa"])
	res := DF012.deny with input as doc
	res == {{
		"msg": "id_rsa is copied into the image by COPY, where anyone who pulls it can read it",
		"range": doc.instructions[1].args_range,
	}}
}

test_secret_files_denied if {
	every src in [
		"keys/id_ed25519",
		".env",
		".env.production",
		"./.env.local",
		".npmrc",
		"config/.pypirc",
		".netrc",
		".git-credentials",
		"credentials.json",
		"certs/server-key.pem",
		"tls.key.pem",
		"privkey.pem",
		".ssh",
		".ssh/",
		"home/.aws/credentials",
		".docker/config.json",
		".kube/config",
	] {
		count(DF012.deny) == 1 with input as copy([src, "/app/"])
	}
}

test_ordinary_files_allowed if {
	every src in [
		".",
		"package.json",
		".env.example",
		".env.sample",
		".env.template",
		".envrc.d",
		"id_rsa.pub",
		"certs/ca.pem",
		"certs/public-key.pem",
		"certs/cert.pem",
		"certs/fullchain.pem",
		"certs/cacert.pem",
		"certs/ca-bundle.pem",
		"rds-combined-ca-bundle.pem",
		"nginx_signing.key",
		"repo.gpg.key",
		"config/truststore.jks",
		"jdk/lib/security/cacerts",
		"config/credentials.example.json",
		"src/.ssh-config",
	] {
		count(DF012.deny) == 0 with input as copy([src, "/app/"])
	}
}

test_private_keys_and_keystores_denied if {
	every src in [
		"certs/server.pem",
		"certs/server.key",
		"tls.key",
		"ca.key",
		"keystore.p12",
		"client.pfx",
		"app.jks",
		"app.keystore",
		"deploy.ppk",
		"kubeconfig",
		"admin.kubeconfig",
		"kubeconfig.yaml",
		"id_ecdsa",
		"home/.docker/config.json",
		".git-credentials",
	] {
		count(DF012.deny) == 1 with input as copy([src, "/app/"])
	}
}

test_repository_keys_in_package_manager_directories_allowed if {
	count(DF012.deny) == 1 with input as copy(["nodesource.key", "/app/"])
	every dest in ["/usr/share/keyrings/", "/etc/apt/trusted.gpg.d/nodesource.key", "/etc/pki/rpm-gpg/", "/etc/apk/keys/"] {
		count(DF012.deny) == 0 with input as copy(["nodesource.key", dest])
	}
}

test_add_denied if {
	count(DF012.deny) == 1 with input as fx.single("alpine:3.22", [fx.instruction(1, 0, "add", [".npmrc", "/root/"])])
}

test_copy_from_stage_into_image_denied if {
	doc := fx.two_stages("node:22", [], "node:22-alpine", [fx.flagged(fx.instruction(2, 1, "copy", ["/root/.npmrc", "/root/.npmrc"]), {"from": ["builder"]})])
	count(DF012.deny) == 1 with input as doc
}

test_stage_not_in_the_image_allowed if {
	builder := [fx.instruction(1, 0, "copy", [".npmrc", "./"])]
	count(DF012.deny) == 0 with input as fx.two_stages("node:22", builder, "node:22-alpine", [])
	count(DF012.deny) == 1 with input as fx.two_stages("node:22", builder, "builder", [])
}
