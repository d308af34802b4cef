# METADATA
# title: Do not bind roles to every user or to anonymous requests
# description: |
#   A RoleBinding or ClusterRoleBinding has the subject system:anonymous
#   (requests without credentials), system:unauthenticated (the same, as a
#   group), system:authenticated (every user and service account that can
#   log in; on GKE any Google account),
#   system:serviceaccounts (every service account of every namespace) or
#   system:masters (the group that bypasses authorization: a binding to it
#   is never needed). An error when the role is privileged (cluster-admin,
#   admin or edit by name when the set does not define them; a role of the
#   set that reads secrets, execs into pods, creates workloads, escalates or
#   has "*" on "*"), a warning otherwise.
# custom:
#   id: KS041
#   name: rbac-broad-subject
#   severity: warning
#   input: manifests
#   objects:
#     - Role
#     - ClusterRole
#     - RoleBinding
#     - ClusterRoleBinding
#   remediation: Bind the role to the users, groups or service accounts that need it, by name.
#   why: |
#     These groups hold everyone: a grant to system:authenticated is a grant
#     to every workload's service account token and, on GKE, to any Google
#     account.
#   bad: |
#     kind: ClusterRoleBinding
#     roleRef:
#       kind: ClusterRole
#       name: cluster-admin
#     subjects:
#       - kind: Group
#         name: system:authenticated
#   good: |
#     subjects:
#       - kind: Group
#         name: platform-team
#   references:
#     - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
#     - https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac#default-users-groups
package rules.manifests.KS041

import data.lib.rbac

broad := {
	"system:anonymous": "every request without credentials",
	"system:unauthenticated": "every request without credentials",
	"system:authenticated": "every authenticated user and service account",
	"system:serviceaccounts": "every service account of every namespace",
	"system:masters": "a group that already bypasses authorization",
}

deny contains object.union(rbac.at(msg, b, b.subject_ranges[i]), {"severity": "error"}) if {
	some b in rbac.bindings
	some i, s in b.subjects
	is_string(s.name)
	broad[s.name]
	g := rbac.grant(b)
	msg := sprintf("%s %q grants %s %s to %s, %s: bind named subjects", [b.kind, b.name, g, rbac.scope(b), s.name, broad[s.name]])
}

deny contains rbac.at(msg, b, b.subject_ranges[i]) if {
	some b in rbac.bindings
	some i, s in b.subjects
	is_string(s.name)
	broad[s.name]
	not rbac.grant(b)
	msg := sprintf("%s %q binds %s %q %s to %s, %s: bind named subjects", [b.kind, b.name, b.roleRef.kind, b.roleRef.name, rbac.scope(b), s.name, broad[s.name]])
}
