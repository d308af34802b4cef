# METADATA
# title: RBAC rules should not use wildcards
# description: |
#   A rule of a Role or ClusterRole has "*" in verbs, resources or
#   apiGroups. A wildcard grants what exists today and everything added
#   later: new verbs, subresources, custom resources and API groups. The
#   finding points at the first wildcard of the rule. A rule with "*" in all
#   three is reported by KS040 instead, and a verbs "*" that only applies
#   to named non-resource URLs (/healthz, /metrics) is not reported.
# custom:
#   id: KS042
#   name: rbac-wildcard
#   severity: warning
#   input: kubernetes
#   remediation: List the API groups, resources and verbs the subjects need.
#   why: |
#     resources ["*"] includes secrets, pods/exec and every custom resource
#     an operator installs later; verbs ["*"] includes escalate, bind and
#     impersonate where they apply.
#   bad: |
#     rules:
#       - apiGroups: ["apps"]
#         resources: ["*"]
#         verbs: ["*"]
#   good: |
#     rules:
#       - apiGroups: ["apps"]
#         resources: ["deployments"]
#         verbs: ["get", "list", "watch"]
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-use-of-wildcard-permissions
package rules.kubernetes.KS042

import data.lib.rbac
import data.lib.result

deny contains result.at_path(msg, rbac.rule_path(i, first[0], first[1])) if {
	input.kind in {"Role", "ClusterRole"} # first, so that OPA's rule index skips other kinds
	some [i, rule] in rbac.object_rules
	has_wildcard(rule) # most rules have none: the checks below are spared
	not rbac.all_powerful(rule)
	found := [[key, j] |
		some key in ["apiGroups", "resources", "verbs"]
		some j, item in rbac.list(rule, key)
		item == "*"
		reported(rule, key)
	]
	count(found) > 0
	first := found[0]
	keys := {k | some [k, _] in found}
	msg := sprintf(`%s allows "*" in the %s of rule %d: list what the subjects need`, [rbac.role_text, concat(" and ", [k | some k in ["apiGroups", "resources", "verbs"]; k in keys]), i])
}

reported(_, key) if key != "verbs"

reported(rule, "verbs") if count(rbac.list(rule, "resources")) > 0

reported(rule, "verbs") if {
	some url in rbac.list(rule, "nonResourceURLs")
	endswith(url, "*")
}

# has_wildcard holds when one of the rule's lists holds "*" (rbac.list
# reads a field that is not a list as empty).
has_wildcard(rule) if {
	some key in ["apiGroups", "resources", "verbs"]
	is_array(rule[key])
	"*" in rule[key]
}
