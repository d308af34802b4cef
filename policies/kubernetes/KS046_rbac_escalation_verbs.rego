# METADATA
# title: RBAC rules should not grant privilege escalation
# description: |
#   A rule of a Role or ClusterRole, without resourceNames to narrow it,
#   grants one of the permissions that lead to more permissions: the verbs
#   escalate (create or update roles with permissions the subject lacks),
#   bind (bind roles with permissions the subject lacks) or impersonate (act
#   as another user, group or service account); create on
#   serviceaccounts/token (mint a token for any service account);
#   update or patch on certificatesigningrequests/approval (approve client
#   certificates, for system:masters too when a signer allows it);
#   nodes/proxy (the kubelet API, which runs commands in every pod of the
#   node); or create, update, patch or delete on validating or mutating
#   admission webhook configurations and admission policies (read or
#   rewrite every object sent to the API server, or switch off the
#   policies that guard it). verbs "*" counts where a resource is named;
#   a bare verbs "*" is reported by KS042.
# custom:
#   id: KS046
#   name: rbac-escalation-verbs
#   severity: error
#   input: kubernetes
#   remediation: Remove the permission; where a controller needs bind or escalate, restrict it with resourceNames to the roles it manages.
#   why: |
#     Each of these lets the subject step around RBAC itself: grant itself
#     any role, become another identity, or take over nodes or the
#     admission chain.
#   bad: |
#     rules:
#       - apiGroups: ["rbac.authorization.k8s.io"]
#         resources: ["clusterroles"]
#         verbs: ["bind", "escalate"]
#   good: |
#     rules:
#       - apiGroups: ["rbac.authorization.k8s.io"]
#         resources: ["clusterroles"]
#         resourceNames: ["tenant-viewer"]
#         verbs: ["bind"]
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
#     - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
#     - https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization
package rules.kubernetes.KS046

import data.lib.rbac
import data.lib.result

verbs := {
	"escalate": "escalate: create or update roles with permissions it does not hold",
	"bind": "bind: bind roles with permissions it does not hold",
	"impersonate": "impersonate other users, groups or service accounts",
}

# grants: [API group, resources, verbs, what the grant allows].
grants := [
	["", ["serviceaccounts/token"], {"create"}, "mint tokens for any service account"],
	["certificates.k8s.io", ["certificatesigningrequests/approval"], {"update", "patch"}, "approve certificate signing requests"],
	["", ["nodes/proxy"], {"get", "create", "update", "patch", "delete"}, "reach the kubelet API, which runs commands in every pod of a node"],
	[
		"admissionregistration.k8s.io",
		[
			"validatingwebhookconfigurations", "mutatingwebhookconfigurations",
			"validatingadmissionpolicies", "validatingadmissionpolicybindings",
			"mutatingadmissionpolicies", "mutatingadmissionpolicybindings",
		],
		rbac.write_verbs,
		"change the admission chain",
	],
]

deny contains result.at_path(msg, rbac.rule_path(i, "verbs", j)) if {
	input.kind in {"Role", "ClusterRole"} # first, so that OPA's rule index skips other kinds
	some [i, rule] in rbac.object_rules
	not rbac.scoped(rule)
	some j, v in rbac.list(rule, "verbs")
	is_string(v)
	verbs[v]
	msg := sprintf("%s lets its subjects %s: remove it, or limit it with resourceNames", [rbac.role_text, verbs[v]])
}

deny contains result.at_path(msg, rbac.rule_path(i, "resources", j)) if {
	input.kind in {"Role", "ClusterRole"} # first, so that OPA's rule index skips other kinds
	some [group, resources, granted, what] in grants
	some i, js in rbac.naming({group}, resources, granted)
	some j in js
	rule := input.object.rules[i]
	msg := sprintf("%s lets its subjects %s (%s): remove it", [rbac.role_text, what, rule.resources[j]])
}
