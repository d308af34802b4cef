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

test_arg_without_value_allowed if {
	count(DF004.deny) == 0 with input as arg(["NPM_TOKEN"])
	count(DF004.deny) == 0 with input as arg(["NPM_TOKEN="])
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

test_non_literal_values_allowed if {
	every args in [
		["DB_PASSWORD", "${DB_PASSWORD}"],
		["DB_PASSWORD", "$DB_PASSWORD"],
		["API_TOKEN", "Bearer ${TOKEN}"],
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
