# METADATA
# title: Secrets must not be set with ENV or ARG
# description: |
#   An ENV or ARG sets a variable whose name says it is a secret (PASSWORD,
#   TOKEN, SECRET, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS...) to a
#   literal value, or sets any variable to a value that looks like a credential
#   (an AWS access key, a GitHub, GitLab or Slack token, a private key). ENV
#   values are stored in the image configuration and ARG values in its
#   history: anyone who can pull the image can read them, and the Dockerfile
#   itself leaks them to everyone with access to the repository. Names ending
#   in _FILE, _PATH, _DIR, _URL, _HOST, _USER, _NAME and similar, front-end
#   variables that are public by design (NEXT_PUBLIC_, VITE_, REACT_APP_),
#   values that are variable references (${DB_PASSWORD}), file paths and
#   flags (true, 0), and ARGs without a value are not reported.
# custom:
#   id: DF004
#   name: secret-in-env
#   severity: error
#   input: dockerfile
#   remediation: Remove the value, rotate the secret, and pass it at build time with a build secret (RUN --mount=type=secret,id=...) or at run time from the orchestrator's secret store.
#   why: |
#     docker inspect shows every ENV of an image and docker history shows the
#     ARG values used by each RUN step. Secrets written into a Dockerfile also
#     live forever in the repository's history.
#   bad: |
#     ENV DB_PASSWORD=hunter2
#     ARG NPM_TOKEN=npm_0123456789abcdef
#   good: |
#     ENV DB_PASSWORD_FILE=/run/secrets/db_password
#     RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
#   references:
#     - https://docs.docker.com/build/building/secrets/
#     - https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
#     - https://cwe.mitre.org/data/definitions/798.html
package rules.dockerfile.DF004

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at(msg, inst) if {
	some [inst, name, value] in df.assignments
	secret_name(name)
	literal(value)
	not credential(value)
	msg := sprintf("secret %s is set by %s to a literal value, which %s", [name, upper(inst.cmd), kept[inst.cmd]])
}

deny contains result.at(msg, inst) if {
	some [inst, name, value] in df.assignments
	what := credential(value)
	msg := sprintf("variable %s is set by %s to what looks like %s, which %s", [name, upper(inst.cmd), what, kept[inst.cmd]])
}

kept := {
	"env": "stays in the image configuration",
	"arg": "is recorded in the image history",
}

# secret_words are the parts of a variable name that say it holds a secret.
secret_words := {
	"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY",
	"PRIVATE_KEY", "PRIVATEKEY", "ACCESS_KEY", "ACCESSKEY", "CREDENTIAL", "AUTH_KEY",
}

# reference_suffixes end names that hold where a secret is, or something
# about it, rather than the secret itself.
reference_suffixes := {
	"_FILE", "_FILES", "_PATH", "_DIR", "_URL", "_URI", "_HOST", "_HOSTNAME",
	"_USER", "_USERNAME", "_NAME", "_PORT", "_ID", "_ENDPOINT", "_LENGTH",
	"_TTL", "_TIMEOUT", "_EXPIRY", "_EXPIRES", "_ENABLED", "_TYPE", "_MODE",
	"_VERSION", "_HEADER", "_METHOD", "_ALGORITHM", "_POLICY",
}

secret_name(name) if {
	upper_name := upper(name)
	some word in secret_words
	contains(upper_name, word)
	not reference_name(upper_name)
}

reference_name(upper_name) if {
	some suffix in reference_suffixes
	endswith(upper_name, suffix)
}

# TOKENIZERS_PARALLELISM and other tokenizer settings are not tokens.
reference_name(upper_name) if contains(upper_name, "TOKENIZER")

# Front-end build variables are published in the bundle by design
# (NEXT_PUBLIC_API_KEY, VITE_API_KEY, REACT_APP_API_KEY).
reference_name(upper_name) if {
	some prefix in {"NEXT_PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "VITE_", "REACT_APP_", "PUBLIC_"}
	startswith(upper_name, prefix)
}

# literal values are set in the file: not empty, not taken from a variable,
# not a flag (true, 0) and not the path of a file that holds the secret
# (/run/secrets/db, key.json).
literal(value) if {
	value != ""
	not df.variables(value)
	not lower(value) in {"true", "false", "yes", "no", "on", "off", "0", "1", "none", "null"}
	not startswith(value, "/")
	not regex.match(`^[A-Za-z0-9_.~/-]+\.(json|pem|key|crt|p12|pfx|jks|txt|ya?ml|conf|ini|env)$`, value)
}

# credential names what a value looks like, when it has the shape of a
# known kind of credential.
credential(value) := what if {
	some what, pattern in credential_patterns
	regex.match(pattern, value)
}

credential_patterns := {
	"an AWS access key": `(^|[^A-Z0-9])(AKIA|ASIA)[0-9A-Z]{16}([^A-Z0-9]|$)`,
	"a GitHub token": `(^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`,
	"a GitLab token": `(^|[^A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}`,
	"a Slack token": `(^|[^A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}`,
	"a private key": `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY`,
	"a Stripe live key": `(^|[^A-Za-z0-9])[rs]k_live_[0-9A-Za-z]{20,}`,
}
