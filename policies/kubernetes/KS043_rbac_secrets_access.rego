# METADATA
# title: RBAC rules should not let subjects read secrets
# description: |
#   A rule of a Role or ClusterRole grants get, list or watch (or "*") on
#   secrets in the core API group without naming them in resourceNames.
#   list and watch return the secrets' contents, not only their names.
#   Rules with resources "*" are reported by KS042 (and KS040).
# custom:
#   id: KS043
#   name: rbac-secrets-access
#   severity: warning
#   input: kubernetes
#   remediation: Mount the secrets the workload needs as volumes or env instead of reading them through the API; if it must read them, name each one in resourceNames and grant only get.
#   why: |
#     Secrets hold service account tokens, registry credentials and TLS
#     keys: reading every secret of a namespace usually means acting as
#     every workload of it, and of kube-system the whole cluster.
#   bad: |
#     rules:
#       - apiGroups: [""]
#         resources: ["secrets"]
#         verbs: ["get", "list", "watch"]
#   good: |
#     rules:
#       - apiGroups: [""]
#         resources: ["secrets"]
#         resourceNames: ["order-sync-api-key"]
#         verbs: ["get"]
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
#     - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
package rules.kubernetes.KS043

import data.lib.rbac
import data.lib.result

deny contains result.at_path(msg, rbac.rule_path(i, "resources", min(js))) if {
	input.kind in {"Role", "ClusterRole"} # first, so that OPA's rule index skips other kinds
	some i, js in rbac.naming({""}, ["secrets"], rbac.read_verbs)
	rule := input.object.rules[i]
	verbs := sort([v | some j in rbac.verb_indices(rule, rbac.read_verbs); v := rule.verbs[j]])
	msg := sprintf("%s lets its subjects read every secret (%s): name the secrets in resourceNames, or mount them instead", [rbac.role_text, concat(", ", verbs)])
}
