# METADATA
# title: Do not grant cluster-admin
# description: |
#   A RoleBinding or ClusterRoleBinding grants the cluster-admin
#   ClusterRole, or a role of the linted set that allows every verb ("*") on
#   every resource ("*") of every API group ("*"), directly or through an
#   aggregated ClusterRole whose aggregationRule selects such a role; or a
#   Role or ClusterRole of the set has such a rule. A binding to
#   cluster-admin that the set does not define is judged by the name of the
#   built-in role. Through a RoleBinding the grant covers one namespace,
#   including its Secrets, Roles and RoleBindings.
# custom:
#   id: KS040
#   name: rbac-cluster-admin-binding
#   severity: error
#   security_severity: 9.5
#   input: manifests
#   objects:
#     - Role
#     - ClusterRole
#     - RoleBinding
#     - ClusterRoleBinding
#   remediation: Bind a role that lists the API groups, resources and verbs the subjects need; keep cluster-admin for break-glass accounts outside the manifests.
#   why: |
#     cluster-admin, or any role with "*" on "*", can read every Secret,
#     run any pod on any node, and grant itself anything else: whoever holds
#     the subject's credentials owns the cluster.
#   bad: |
#     kind: ClusterRoleBinding
#     roleRef:
#       apiGroup: rbac.authorization.k8s.io
#       kind: ClusterRole
#       name: cluster-admin
#     subjects:
#       - kind: ServiceAccount
#         name: ci-deployer
#         namespace: ci
#   good: |
#     kind: RoleBinding
#     metadata:
#       namespace: shop
#     roleRef:
#       apiGroup: rbac.authorization.k8s.io
#       kind: Role
#       name: deployer
#   references:
#     - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
#     - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles
package rules.manifests.KS040

import data.lib.rbac

deny contains rbac.at(msg, b, b.roleRef_range) if {
	some b in rbac.bindings
	rbac.cluster_admin(b)
	msg := sprintf("%s %q grants %s %s to %s: bind a role limited to what the subjects need", [
		b.kind, b.name, what(b), rbac.scope(b), subjects(b),
	])
}

deny contains rbac.at(msg, role, role.rule_ranges[i]) if {
	some role in rbac.roles
	some i, rule in role.rules
	rbac.all_powerful(rule)
	msg := sprintf("%s %q allows every verb on every resource, as cluster-admin does: list the resources and verbs it needs", [role.kind, role.name])
}

what(b) := "cluster-admin" if {
	not rbac.role_of(b)
} else := sprintf("%s %q (every verb on every resource)", [b.roleRef.kind, b.roleRef.name])

subjects(b) := "no subject" if {
	count(b.subjects) == 0
} else := concat(", ", [rbac.subject_text(s, b) | some s in b.subjects; is_object(s)])
