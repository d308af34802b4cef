package rules.kubernetes.KS025_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS025

env(vars) := t.pod_input({"containers": [object.union(t.container("web"), {"env": vars})]})

var(name, value) := {"name": name, "value": value}

findings(vars) := msgs if {
	msgs := {f.msg | some f in KS025.deny} with input as env(vars)
}

test_password_literal_denied if {
	got := KS025.deny with input as env([var("LOG_LEVEL", "info"), var("DB_PASSWORD", "hunter22")])
	got == {{
		"msg": `container "web" sets env DB_PASSWORD to a literal value that looks like a secret: use valueFrom.secretKeyRef`,
		"path": ["spec", "containers", 0, "env", 1, "value"],
	}}
}

test_secret_names_denied if {
	every name in ["API_KEY", "apiToken", "dbPassword", "CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY", "JWT_SECRET_KEY", "SECRET_KEY_BASE", "REDIS_PASS", "GITHUB_TOKEN", "credentials"] {
		count(findings([var(name, "aZ9-not-a-reference")])) == 1
	}
}

test_message_never_shows_the_value if {
	every msg in findings([var("DB_PASSWORD", "hunter22")]) {
		not contains(msg, "hunter22")
	}
}

test_harmless_names_allowed if {
	every name in ["SECRET_NAME", "TOKEN_URL", "PASSWORD_FILE", "DB_PASSWORD_PATH", "TOKENIZER_MODEL", "SECRETARY", "PASSWORDLESS", "AUTH_ENABLED", "KEY_ID"] {
		count(findings([var(name, "some-value")])) == 0
	}
}

test_harmless_values_allowed if {
	every value in ["", "true", "false", "3600", "30s", "/run/secrets/db", "$(DB_PASSWORD)", "${PASSWORD}", "{{ .Values.password }}", "<password>", "https://vault.example.com/v1/secret"] {
		count(findings([var("DB_PASSWORD", value)])) == 0
	}
}

test_value_from_allowed if {
	count(findings([{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}])) == 0
}

test_credential_values_denied_whatever_the_name if {
	cases := {
		"a literal aws access key": "AKIAIOSFODNN7EXAMPLE",
		"a literal github token": concat("", ["ghp_", "0123456789abcdefghijABCDEFGHIJ012345"]),
		"a literal private key": "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
		"a literal url with a password": "postgres://app:s3cret@db.example.com:5432/app",
		"a literal slack token": concat("", ["xoxb-", "1234567890-abcdefghij"]),
	}
	every kind, value in cases {
		findings([var("SETTING", value)]) == {sprintf(`container "web" sets env SETTING to %s: use valueFrom.secretKeyRef`, [kind])}
	}
}

test_url_with_referenced_password_allowed if {
	count(findings([var("DATABASE_URL", "postgres://app:$(DB_PASSWORD)@db:5432/app")])) == 0
	count(findings([var("DATABASE_URL", "postgres://db.example.com:5432/app")])) == 0
}

test_init_containers_checked if {
	spec := {"containers": [t.container("web")], "initContainers": [object.union(t.container("migrate"), {"env": [var("DB_PASSWORD", "hunter22")]})]}
	got := KS025.deny with input as t.pod_input(spec)
	{f.path | some f in got} == {["spec", "initContainers", 0, "env", 0, "value"]}
}
