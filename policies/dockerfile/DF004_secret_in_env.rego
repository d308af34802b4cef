# METADATA
# title: Secrets must not be set with ENV or ARG
# description: |
#   An ENV or ARG sets a variable whose name says it is a secret (PASSWORD,
#   TOKEN, SECRET, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS...) to a
#   literal value, or sets any variable to a value that looks like a
#   credential (an AWS access key, a GitHub, GitLab or Slack token, a
#   private key, a URL with a password): an error. A warning, as BuildKit's
#   SecretsUsedInArgOrEnv check gives, when such a variable is declared
#   without a literal value: an ARG to be given with --build-arg (ARG
#   NPM_TOKEN), or an ENV copied from one (ENV NODE_AUTH_TOKEN=${NPM_TOKEN});
#   and when a RUN uses a secret-looking build argument
#   (${GITHUB_TOKEN} in a URL, _authToken=${NPM_TOKEN} written to .npmrc).
#   A URL with a literal password in a RUN or ADD is an error. ENV values
#   are stored in the image configuration, and build arguments used by RUN
#   in the image history and provenance: anyone who can pull the image can
#   read them. Names are split at underscores as BuildKit does (the words
#   apikey, auth, credential(s), key, password, pword, passwd, secret,
#   token); names with the words public, file or version, names ending in
#   _FILE, _PATH, _DIR, _URL, _HOST, _USER, _NAME, _ID and similar, GPG and
#   other public key fingerprints (GPG_KEY, *_KEY_ID, PUBLIC_KEY), front-end
#   variables that are public by design (NEXT_PUBLIC_, VITE_, REACT_APP_),
#   values that are file paths and flags (true, 0), and an ENV without a
#   value are not reported.
# custom:
#   id: DF004
#   name: secret-in-env
#   severity: error
#   precision: medium
#   input: dockerfile
#   remediation: Remove the value, rotate the secret, and pass it at build time with a build secret (RUN --mount=type=secret,id=...) or at run time from the orchestrator's secret store.
#   why: |
#     docker inspect shows every ENV of an image and docker history shows the
#     ARG values used by each RUN step. Secrets written into a Dockerfile also
#     live forever in the repository's history.
#   bad: |
#     ENV DB_PASSWORD=hunter2
#     ARG NPM_TOKEN
#     RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
#   good: |
#     ENV DB_PASSWORD_FILE=/run/secrets/db_password
#     RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
#   fix: display
#   fix_reason: the secret must be passed to the build another way (docker build --secret), and a leaked one rotated
#   references:
#     - https://docs.docker.com/build/building/secrets/
#     - https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
#     - https://cwe.mitre.org/data/definitions/798.html
package rules.dockerfile.DF004

import data.lib.dockerfile as df
import data.lib.result
import data.lib.secrets

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
	regex.match(secret_words_pattern, upper_name)
	not reference_name(upper_name)
}

# secret_words_pattern matches a name that contains one of the secret_words
# (one match for the set, not one per word).
secret_words_pattern := concat("|", secret_words)

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
# known kind of credential (the first kind, by name, when several match).
credential(value) := kinds[0] if {
	regex.match(any_credential, value)
	kinds := sort([what | some what, pattern in credential_patterns; regex.match(pattern, value)])
	count(kinds) > 0
}

# any_credential matches what one of the credential_patterns matches: most
# values match none, which one match tells.
any_credential := concat("|", [sprintf("(?:%s)", [pattern]) | some pattern in credential_patterns])

credential_patterns := {
	"an AWS access key": `(^|[^A-Z0-9])(AKIA|ASIA)[0-9A-Z]{16}([^A-Z0-9]|$)`,
	"a GitHub token": `(^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`,
	"a GitLab token": `(^|[^A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}`,
	"a Slack token": `(^|[^A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}`,
	"a private key": `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY`,
	"a Stripe live key": `(^|[^A-Za-z0-9])[rs]k_live_[0-9A-Za-z]{20,}`,
	"a URL with a password": secrets.value_patterns["url with a password"],
}

# --- declared without a literal value, or used by RUN -------------------------

# Declared without a value: ARG NPM_TOKEN, ENV NODE_AUTH_TOKEN=${NPM_TOKEN}.
deny contains with_secret_fix(object.union(result.at(msg, inst), {"severity": "warning"}), name) if {
	some [inst, name] in unset
	secret_like(name)
	msg := sprintf("%s %s looks like a secret, which %s: pass it as a build secret (RUN --mount=type=secret)", [upper(inst.cmd), name, kept_unset[inst.cmd]])
}

kept_unset := {
	"env": "stays in the image configuration",
	"arg": "is recorded in the image history of each RUN that follows",
}

# unset are the [instruction, name] pairs of ARGs without a value and of
# ENVs and ARGs set from other variables.
unset contains [inst, word] if {
	some inst in df.instructions("arg")
	some word in inst.args
	not contains(word, "=")
	regex.match(`^[A-Za-z_][A-Za-z0-9_]*$`, word)
}

unset contains [inst, name] if {
	some [inst, name, value] in df.assignments
	df.variables(value)
	not credential(value)
}

# A secret-looking build argument used in a RUN: `${GITHUB_TOKEN}` in a
# URL, `_authToken=${NPM_TOKEN}`.
deny contains with_secret_fix(object.union(result.at_range(msg, c.arg_ranges[i]), {"severity": "warning"}), name) if {
	some name in secret_build_args
	some [inst, c] in df.commands
	some i, word in c.args
	contains(word, name)
	name in referenced(word)
	not secret_env_mount(inst, name)
	msg := sprintf("RUN uses build argument %s, which records its value in the image history: pass it as a build secret (RUN --mount=type=secret)", [name])
}

# A literal password in a URL given to RUN or ADD.
deny contains result.at_range(msg, c.arg_ranges[i]) if {
	some [_, c] in df.commands
	some i, word in c.args
	contains(word, "@")
	regex.match(secrets.value_patterns["url with a password"], word)
	msg := "RUN is given a URL with a password, which is recorded in the image history: pass the credentials as a build secret"
}

deny contains result.at_range(msg, df.args_range(inst)) if {
	some inst in df.instructions("add")
	some word in inst.args
	regex.match(secrets.value_patterns["url with a password"], word)
	msg := "ADD fetches a URL with a password, which is recorded in the image history: download it in a RUN with a build secret"
}

# referenced are the names of the variables a word refers to ($X, ${X}, ${X:-y}).
referenced(word) := {m[1] | some m in regex.find_all_string_submatch_n(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`, word, -1)}

secret_build_args := {name | some name in build_args; secret_like(name)}

build_args contains name if {
	some inst in df.instructions("arg")
	some word in inst.args
	name := split(word, "=")[0]
}

# secret_env_mount: the RUN mounts a build secret into the variable
# (--mount=type=secret,id=npm,env=NPM_TOKEN).
secret_env_mount(inst, name) if {
	some mount in df.flag_values(inst, "mount")
	contains(mount, "type=secret")
	some part in split(mount, ",")
	part == concat("=", ["env", name])
}

with_secret_fix(finding, name) := result.with_fix(finding, {
	"title": sprintf("Pass %s as a build secret", [name]),
	"applicability": "display",
	"display": sprintf("RUN --mount=type=secret,id=%s,env=%s <command that needs it>\n# build with: docker build --secret id=%s,env=%s .\n", [lower(name), name, lower(name), name]),
})

# secret_like names look like secrets to DF004 or to BuildKit, and are not
# known to hold something else.
secret_like(name) if secret_name(name)

secret_like(name) if {
	buildkit_secret_name(name)
	not reference_name(upper(name))
	not public_key_name(upper(name))
}

# buildkit_secret_name: BuildKit's SecretsUsedInArgOrEnv words, whole
# between underscores, and none of its allowed words.
buildkit_secret_name(name) if {
	regex.match(`(?i)(^|_)(apikey|auth|credentials?|key|password|pword|passwd|secret|token)(_|$)`, name)
	not regex.match(`(?i)(^|_)(public|file|version)(_|$)`, name)
}

# Public keys, their fingerprints and ids, and keys that are not
# credentials (cache or sort keys).
public_key_name(upper_name) if regex.match(`(^|_)(GPG|PGP|GNUPG|PUB|PUBLIC|CACHE|SORT|PARTITION|PRIMARY|FOREIGN|APT|REPO)_KEYS?$`, upper_name)

public_key_name(upper_name) if regex.match(`_KEY_?IDS?$|FINGERPRINTS?$|KEYRING|KEYSERVER|PUBKEY|_SOCK(ET)?$`, upper_name)

public_key_name(upper_name) if regex.match(`^(AUTH|BASIC_AUTH)_(SERVER|DOMAIN|REALM|PROVIDER|STRATEGY|SCOPES?|ISSUER|AUDIENCE|BASE)$`, upper_name)
