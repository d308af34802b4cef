# METADATA
# title: Do not grant roles to a namespace's default service account
# description: |
#   A RoleBinding or ClusterRoleBinding has the subject kind ServiceAccount,
#   name default: the account every pod of the namespace runs as when it
#   names no serviceAccountName. An error when the role is privileged
#   (cluster-admin, admin or edit by name when the set does not define them;
#   a role of the set that reads secrets, execs into pods, creates
#   workloads, escalates or has "*" on "*"), a warning otherwise.
# custom:
#   id: KS047
#   name: rbac-default-service-account
#   severity: warning
#   input: manifests
#   objects:
#     - Role
#     - ClusterRole
#     - RoleBinding
#     - ClusterRoleBinding
#   remediation: Create a ServiceAccount for the workload that needs the permissions, set serviceAccountName in its pod template, and bind the role to that account.
#   why: |
#     Every pod of the namespace that does not name a service account,
#     including ones added later by other teams or charts, gets the default
#     account's token and with it the role.
#   bad: |
#     subjects:
#       - kind: ServiceAccount
#         name: default
#         namespace: shop
#   good: |
#     subjects:
#       - kind: ServiceAccount
#         name: order-sync
#         namespace: shop
#   references:
#     - https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
package rules.manifests.KS047

import data.lib.rbac

deny contains object.union(rbac.at(msg, b, b.subject_ranges[i]), {"severity": "error"}) if {
	some b in rbac.bindings
	some i, s in b.subjects
	default_account(s)
	g := rbac.grant(b)
	msg := sprintf("%s %q grants %s %s to %s, which every pod of the namespace without a serviceAccountName runs as: bind a dedicated service account", [b.kind, b.name, g, rbac.scope(b), rbac.subject_text(s, b)])
}

deny contains rbac.at(msg, b, b.subject_ranges[i]) if {
	some b in rbac.bindings
	some i, s in b.subjects
	default_account(s)
	not rbac.grant(b)
	msg := sprintf("%s %q binds %s %q %s to %s, which every pod of the namespace without a serviceAccountName runs as: bind a dedicated service account", [b.kind, b.name, b.roleRef.kind, b.roleRef.name, rbac.scope(b), rbac.subject_text(s, b)])
}

default_account(s) if {
	s.kind == "ServiceAccount"
	s.name == "default"
}
