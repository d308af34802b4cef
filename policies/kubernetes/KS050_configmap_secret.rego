# METADATA
# title: Secrets must not be stored in ConfigMaps
# description: |
#   A key of a ConfigMap's data holds a value that looks like a secret, by
#   the detector of KS025: the key's name says password, secret, token, API
#   key, private key or credentials and its value is not a reference, a
#   path, a number or a boolean; or the value holds something shaped like a
#   credential (an AWS access key, a GitHub, GitLab, Slack, Stripe, Google
#   or npm token, a JWT, a private key, a URL with a password), which also
#   finds them inside configuration files stored under a key. In such a
#   file (a value of several lines), a line that sets a secret-looking name
#   to a literal value (password=..., "apiKey": "...", secret: ...) is
#   reported too, by the same name and value tests.
# custom:
#   id: KS050
#   name: configmap-secret
#   severity: error
#   input: kubernetes
#   remediation: Move the value to a Secret (or an external secret store), reference it from the workload, and rotate the exposed credential.
#   why: |
#     ConfigMaps are meant to be read: the view role, dashboards and
#     monitoring agents read them, they are not encrypted at rest, and they
#     end up in support bundles and Git history.
#   bad: |
#     kind: ConfigMap
#     data:
#       DB_PASSWORD: s3cr3t-pa55
#   good: |
#     kind: Secret
#     type: Opaque
#     stringData:
#       DB_PASSWORD: s3cr3t-pa55
#   references:
#     - https://kubernetes.io/docs/concepts/configuration/configmap/
#     - https://kubernetes.io/docs/concepts/configuration/secret/
#     - https://cwe.mitre.org/data/definitions/312.html
package rules.kubernetes.KS050

import data.lib.kubernetes as k8s
import data.lib.result
import data.lib.secrets

deny contains result.at_path(msg, k8s.object_path(["data", key])) if {
	input.kind == "ConfigMap"
	input.apiVersion == "v1"
	some key, value in input.object.data
	is_string(key)
	is_string(value)
	why := secrets.reason(key, value)
	msg := sprintf("ConfigMap %q sets %s to %s: store it in a Secret", [input.name, key, why])
}

deny contains result.at_path(msg, k8s.object_path(["data", key])) if {
	input.kind == "ConfigMap"
	input.apiVersion == "v1"
	some key, value in input.object.data
	is_string(key)
	is_string(value)
	not secrets.reason(key, value)
	lines := [sprintf("%d (%s)", [n + 1, name]) |
		some n, line in split(value, "\n")
		[name, literal] := setting(line)
		secrets.reason(name, literal)
	]
	count(lines) > 0
	msg := sprintf("ConfigMap %q holds a literal value that looks like a secret in %s, at line %s: store it in a Secret", [input.name, key, concat(", ", lines)])
}

# setting reads a line that sets a name to a value, in the syntax of
# properties, .env, INI, YAML, TOML or JSON files: [name, value], quotes
# and a trailing comma removed.
setting(line) := [m[1], trim_suffix(trim(trim_space(m[2]), `"'`), ",")] if {
	m := regex.find_all_string_submatch_n(`^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$`, line, 1)[0]
	m[2] != ""
	not startswith(m[2], "{")
	not startswith(m[2], "[")
}
