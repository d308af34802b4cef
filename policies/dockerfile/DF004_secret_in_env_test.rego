package rules.dockerfile.DF004_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF004

env(args) := fx.single("alpine:3.22", [fx.instruction(1, 0, "env", args)])

arg(args) := fx.single("alpine:3.22", [fx.instruction(1, 0, "arg", args)])

test_secret_name_in_env_denied if {
	doc := env(["DB_PASSWORD", "hunter2"])
	res := DF004.deny with input as doc
	res == {{
		"msg": "secret DB_PASSWORD is set by ENV to a literal value, which stays in the image configuration",
		"range": doc.instructions[1].range,
	}}
}

test_message_does_not_repeat_the_secret if {
	some f in DF004.deny with input as env(["DB_PASSWORD", "hunter2"])
	not contains(f.msg, "hunter2")
}

test_secret_names_denied if {
	every name in [
		"PASSWORD", "MYSQL_ROOT_PASSWORD", "REDIS_PASSWD", "JWT_SECRET", "SECRET_KEY_BASE",
		"GITHUB_TOKEN", "npm_token", "STRIPE_API_KEY", "OPENAI_APIKEY", "SSH_PRIVATE_KEY",
		"AWS_SECRET_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS_JSON", "GPG_PASSPHRASE",
	] {
		count(DF004.deny) == 1 with input as env([name, "s3cr3t-value"])
	}
}

test_several_pairs_in_one_env if {
	# ENV A=1 DB_PASSWORD=x HOME=/root
	count(DF004.deny) == 1 with input as env(["A", "1", "DB_PASSWORD", "x", "HOME", "/root"])
}

test_legacy_env_form_denied if {
	# ENV API_KEY some key with spaces
	count(DF004.deny) == 1 with input as env(["API_KEY", "some key with spaces"])
}

test_quoted_value_denied if {
	count(DF004.deny) == 1 with input as env(["DB_PASSWORD", `"hunter2"`])
}

test_arg_with_default_denied if {
	doc := arg(["NPM_TOKEN=abc123"])
	res := DF004.deny with input as doc
	res == {{
		"msg": "secret NPM_TOKEN is set by ARG to a literal value, which is recorded in the image history",
		"range": doc.instructions[1].range,
	}}
}

test_arg_without_value_warned_with_secret_mount_fix if {
	doc := arg(["NPM_TOKEN"])
	res := DF004.deny with input as doc
	res == {{
		"msg": "ARG NPM_TOKEN looks like a secret, which is recorded in the image history of each RUN that follows: pass it as a build secret (RUN --mount=type=secret)",
		"range": doc.instructions[1].range,
		"severity": "warning",
		"fix": {
			"title": "Pass NPM_TOKEN as a build secret",
			"applicability": "display",
			"display": "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN <command that needs it>\n# build with: docker build --secret id=npm_token,env=NPM_TOKEN .\n",
		},
	}}
	count(DF004.deny) == 0 with input as arg(["NPM_TOKEN="])
}

test_buildkit_secret_names_warned if {
	# The names BuildKit's SecretsUsedInArgOrEnv reports.
	every name in ["SECRET_PASSPHRASE", "SUPER_Secret", "password", "secret", "auth", "super_duper_secret_token", "apikey", "git_key", "NODE_AUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "DOCKER_PWORD", "SSH_KEY", "credentials"] {
		{f.severity | some f in DF004.deny} == {"warning"} with input as arg([name])
	}
}

test_buildkit_allowed_and_public_names_quiet if {
	every name in [
		# BuildKit's allowed words.
		"PUBLIC_KEY", "public_token", "SECRET_PASSPHRASE_FILE", "password_file", "AUTH_MODULE_VERSION",
		# Fingerprints, ids and keys that are not credentials.
		"GPG_KEY", "GPG_KEYS", "PYTHON_GPG_KEY", "AWS_ACCESS_KEY_ID", "SIGNING_KEY_ID", "KEY_FINGERPRINT",
		"CACHE_KEY", "AUTH_SERVER", "AUTH_REALM", "NEXT_PUBLIC_API_KEY", "TOKENIZERS_PARALLELISM",
		"SECRETS_DIR", "TOKEN_URL", "DB_PASSWORD_HOST", "KEYRING", "NODE_VERSION", "MONKEY", "SSH_AUTH_SOCK",
	] {
		count(DF004.deny) == 0 with input as arg([name])
	}
}

test_env_from_build_arg_warned if {
	res := DF004.deny with input as env(["NODE_AUTH_TOKEN", "${NPM_TOKEN}"])
	{[f.severity, f.msg] | some f in res} == {[
		"warning",
		"ENV NODE_AUTH_TOKEN looks like a secret, which stays in the image configuration: pass it as a build secret (RUN --mount=type=secret)",
	]}
}

run_doc(args_line, words, mount) := doc if {
	c := fx.command(3, "sh", "sh", words, 0, 0)
	r := fx.run(2, 0, [c])
	run := object.union(r, {"flags": {"mount": mount}})
	doc := fx.single("node:22", [fx.instruction(1, 0, "arg", [args_line]), run])
}

test_build_arg_in_run_warned_at_the_word if {
	doc := run_doc("NPM_TOKEN", ["-c", "echo //registry.npmjs.org/:_authToken=${NPM_TOKEN} > .npmrc"], [])
	res := DF004.deny with input as doc
	some f in res
	f.msg == "RUN uses build argument NPM_TOKEN, which records its value in the image history: pass it as a build secret (RUN --mount=type=secret)"
	f.range == doc.instructions[2].commands[0].arg_ranges[1]
	f.fix.applicability == "display"
	count(res) == 2 # and the ARG
}

test_build_arg_in_url_warned if {
	doc := run_doc("GITHUB_TOKEN", ["-c", "git clone https://x-access-token:$GITHUB_TOKEN@github.com/acme/app.git"], [])
	{f.range | some f in DF004.deny} == {doc.instructions[1].range, doc.instructions[2].commands[0].arg_ranges[1]} with input as doc
}

test_secret_mounted_into_the_variable_allowed if {
	doc := run_doc("NPM_TOKEN", ["-c", "npm ci --token=${NPM_TOKEN}"], ["type=secret,id=npm,env=NPM_TOKEN"])
	{f.range | some f in DF004.deny} == {doc.instructions[1].range} with input as doc
}

test_shell_variables_in_run_allowed if {
	# TOKEN is not a build argument: the shell sets it from a secret file.
	doc := run_doc("NODE_VERSION", ["-c", "TOKEN=$(cat /run/secrets/npm) && npm ci --token=$TOKEN"], [])
	count(DF004.deny) == 0 with input as doc
}

test_url_with_password_in_run_denied if {
	doc := run_doc("NODE_VERSION", ["-c", "git clone https://deploy:s3cr3t@git.example.com/app.git"], [])
	res := DF004.deny with input as doc
	{[f.msg, object.get(f, "severity", "")] | some f in res} == {[
		"RUN is given a URL with a password, which is recorded in the image history: pass the credentials as a build secret",
		"",
	]}
	doc2 := run_doc("NODE_VERSION", ["-c", "git clone https://github.com/acme/app.git"], [])
	count(DF004.deny) == 0 with input as doc2
}

test_url_with_password_in_add_denied if {
	add := fx.instruction(1, 0, "add", ["https://user:pa55@files.example.com/tool.tgz", "/opt/"])
	count(DF004.deny) == 1 with input as fx.single("alpine:3.22", [add])
	add2 := fx.instruction(1, 0, "add", ["https://files.example.com/tool.tgz", "/opt/"])
	count(DF004.deny) == 0 with input as fx.single("alpine:3.22", [add2])
}

test_references_to_secrets_allowed if {
	every args in [
		["PASSWORD_FILE", "/run/secrets/db"],
		["POSTGRES_PASSWORD_FILE", "/run/secrets/postgres"],
		["VAULT_TOKEN_PATH", "/vault/token"],
		["SECRETS_DIR", "/run/secrets"],
		["TOKEN_URL", "https://auth.example.com/token"],
		["DB_PASSWORD_HOST", "db"],
		["SECRET_NAME", "prod/db"],
		["AWS_ACCESS_KEY_ID", "placeholder"],
		["PASSWORD_MIN_LENGTH", "12"],
		["NEXT_PUBLIC_MAPS_API_KEY", "maps-key-in-the-bundle"],
		["VITE_API_KEY", "public-key"],
	] {
		count(DF004.deny) == 0 with input as env(args)
	}
}

test_values_from_variables_are_warnings if {
	every args in [
		["DB_PASSWORD", "${DB_PASSWORD}"],
		["DB_PASSWORD", "$DB_PASSWORD"],
		["API_TOKEN", "Bearer ${TOKEN}"],
	] {
		{f.severity | some f in DF004.deny} == {"warning"} with input as env(args)
	}
}

test_non_literal_values_allowed if {
	every args in [
		["DB_PASSWORD", `""`],
		["DB_PASSWORD", "/run/secrets/db"],
		["GOOGLE_APPLICATION_CREDENTIALS", "service-account.json"],
		["GOOGLE_APPLICATION_CREDENTIALS", "/secrets/sa.json"],
		["TOKENIZERS_PARALLELISM", "false"],
		["MYSQL_ALLOW_EMPTY_PASSWORD", "yes"],
		["USE_SECRETS", "true"],
	] {
		count(DF004.deny) == 0 with input as env(args)
	}
}

test_credential_values_denied_whatever_the_name if {
	every case in [
		["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "an AWS access key"],
		["GIT_REMOTE", "https://x:ghp_abcdefghijklmnopqrstuvwxyzABCDEF0123@github.com/a/b", "a GitHub token"],
		["CI_JOB", "glpat-abcdefghij0123456789", "a GitLab token"],
		["HOOK", "xoxb-123456789012-abcdefghijkl", "a Slack token"],
		["DEPLOY_KEY_FILE", "-----BEGIN OPENSSH PRIVATE KEY-----", "a private key"],
		["TLS", "-----BEGIN RSA PRIVATE KEY-----", "a private key"],
	] {
		[name, value, what] := case
		res := DF004.deny with input as env([name, value])
		res == {{
			"msg": sprintf("variable %s is set by ENV to what looks like %s, which stays in the image configuration", [name, what]),
			"range": fx.instruction(1, 0, "env", [name, value]).range,
		}}
	}
}

test_secret_name_with_credential_value_reported_once if {
	count(DF004.deny) == 1 with input as env(["GITHUB_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyzABCDEF0123"])
}

test_ordinary_env_allowed if {
	count(DF004.deny) == 0 with input as env(["PATH", "/usr/local/bin:/usr/bin", "HOME", "/root", "LANG", "C.UTF-8"])
}
