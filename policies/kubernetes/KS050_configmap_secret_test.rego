package rules.kubernetes.KS050_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS050

configmap(entries) := object.union(
	t.plain_input("v1", "ConfigMap", {"name": "app-config", "namespace": "shop"}),
	{"object": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "app-config"}, "data": entries}},
)

test_secret_key_denied_at_the_key if {
	got := KS050.deny with input as configmap({"LOG_LEVEL": "info", "DB_PASSWORD": "hunter22"})
	got == {{
		"msg": `ConfigMap "app-config" sets DB_PASSWORD to a literal value that looks like a secret: store it in a Secret`,
		"path": ["data", "DB_PASSWORD"],
	}}
}

test_credentials_inside_config_files_denied if {
	props := "spring.datasource.url=jdbc:postgresql://db:5432/shop\nslack.webhook=https://hooks.slack.com/services/T000/B000/XXXXXXXX\n"
	{f.msg | some f in KS050.deny} == {`ConfigMap "app-config" sets application.properties to a literal slack webhook url: store it in a Secret`} with input as configmap({"application.properties": props})
	key := "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----\n"
	count(KS050.deny) == 1 with input as configmap({"tls.key": key})
}

test_secret_settings_inside_config_files_denied if {
	props := "spring.datasource.url=jdbc:postgresql://db:5432/shop\nspring.datasource.username=shop\nspring.datasource.password=Sup3rS3cret\n"
	{f.msg | some f in KS050.deny} == {`ConfigMap "app-config" holds a literal value that looks like a secret in application.properties, at line 3 (spring.datasource.password): store it in a Secret`} with input as configmap({"application.properties": props})
	every file in [
		"[database]\nhost = db\npassword = \"hunter22\"\n",
		"{\n  \"apiKey\": \"aZ9-not-a-reference\",\n  \"debug\": true\n}\n",
		"db:\n  host: db\n  password: hunter22\n",
		"export CLIENT_SECRET=aZ9-not-a-reference\n",
	] {
		count(KS050.deny) == 1 with input as configmap({"config": file})
	}
}

test_settings_that_are_not_secrets_allowed if {
	every file in [
		"password.min-length=12\npassword.policy=strict\n",
		"db:\n  password: ${DB_PASSWORD}\n  passwordFile: /run/secrets/db\n",
		"auth:\n  token:\n    ttl: 1h\n",
		"{\"secret\": {\"name\": \"db\"}}\n",
		"# password=\nlog.level=info\n",
		"client_secret: \"\"\n",
	] {
		count(KS050.deny) == 0 with input as configmap({"config": file})
	}
}

test_message_never_shows_the_value if {
	msgs := {f.msg | some f in KS050.deny} with input as configmap({"api_token": "aZ9-not-a-reference"})
	count(msgs) == 1
	every msg in msgs {
		not contains(msg, "aZ9")
	}
}

test_false_positives_allowed if {
	count(KS050.deny) == 0 with input as configmap({
		"PASSWORD_MIN_LENGTH": "12",
		"TOKEN_URL": "https://auth.example.com/oauth/token",
		"SECRET_NAME": "db-credentials",
		"DB_PASSWORD_FILE": "/run/secrets/db",
		"auth.enabled": "true",
		"password-policy": "strict",
		"API_KEY": "${API_KEY}",
		"secret": "",
		"nginx.conf": "server { listen 80; location / { proxy_pass http://web:8080; } }",
		"public-key.pem": "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n",
	})
}

test_other_kinds_ignored if {
	secret := object.union(configmap({"DB_PASSWORD": "hunter22"}), {"kind": "Secret"})
	count(KS050.deny) == 0 with input as secret
}
