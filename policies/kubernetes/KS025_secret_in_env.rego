# METADATA
# title: Secrets must not be written in environment variables
# description: |
#   An env entry of a container holds a literal value that looks like a
#   secret: the variable's name says password, secret, token, API key,
#   private key or credentials and its value is not a reference, a path, a
#   number or a boolean; or the value itself looks like a credential (an AWS
#   access key, a GitHub, GitLab, Slack, Stripe, Google or npm token, a JWT, a
#   private key, a URL with a password). Values set with valueFrom, and values
#   that only refer to other variables ($(VAR)), are not literals.
# custom:
#   id: KS025
#   name: secret-in-env-var
#   severity: error
#   precision: medium
#   input: kubernetes
#   remediation: Store the value in a Secret and reference it with valueFrom.secretKeyRef (or envFrom.secretRef, or a mounted secret volume); rotate the exposed credential.
#   why: |
#     A manifest is read by everyone with access to the repository, the CI
#     logs and kubectl get -o yaml; a Secret can be access-controlled,
#     encrypted at rest and rotated without touching the workload.
#   bad: |
#     env:
#       - name: DB_PASSWORD
#         value: s3cr3t-pa55
#   good: |
#     env:
#       - name: DB_PASSWORD
#         valueFrom:
#           secretKeyRef:
#             name: db
#             key: password
#   references:
#     - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
#     - https://cwe.mitre.org/data/definitions/798.html
package rules.kubernetes.KS025

import data.lib.kubernetes as k8s
import data.lib.secrets

deny contains {
	"msg": sprintf("%s sets env %s to %s: use valueFrom.secretKeyRef", [k8s.describe(c), env.name, secrets.reason(env.name, env.value)]),
	"path": array.concat(c.path, ["env", i, "value"]),
} if {
	some pod in input.pods
	some c in pod.containers
	some i, env in c.spec.env
	is_string(env.value)
	secrets.reason(env.name, env.value)
}
