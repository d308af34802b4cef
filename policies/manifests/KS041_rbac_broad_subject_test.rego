package rules.manifests.KS041_test

import data.lib.rbac_test as t
import data.rules.manifests.KS041

test_cluster_admin_to_authenticated_is_an_error_at_the_subject if {
	b := t.binding("ClusterRoleBinding", "everyone", "", 1, "ClusterRole", "cluster-admin", [t.group("ops"), t.group("system:authenticated")])
	got := KS041.deny with input as t.manifests([b])
	got == {{
		"msg": `ClusterRoleBinding "everyone" grants ClusterRole "cluster-admin" (full control of every resource) in every namespace to system:authenticated, every authenticated user and service account: bind named subjects`,
		"range": t.span(4), "file": "deploy/rbac.yaml", "document": 1, "object_path": [], "severity": "error",
	}}
}

test_unprivileged_role_is_a_warning if {
	b := t.binding("ClusterRoleBinding", "discovery", "", 1, "ClusterRole", "view", [t.group("system:unauthenticated")])
	got := KS041.deny with input as t.manifests([b])
	got == {{
		"msg": `ClusterRoleBinding "discovery" binds ClusterRole "view" in every namespace to system:unauthenticated, every request without credentials: bind named subjects`,
		"range": t.span(3), "file": "deploy/rbac.yaml", "document": 1, "object_path": [],
	}}
}

test_every_broad_subject_reported if {
	every name in ["system:anonymous", "system:unauthenticated", "system:authenticated", "system:serviceaccounts", "system:masters"] {
		b := t.binding("RoleBinding", "b", "shop", 1, "Role", "reader", [{"kind": "Group", "name": name}])
		count(KS041.deny) == 1 with input as t.manifests([b])
	}
}

test_role_in_the_set_decides_the_severity if {
	reader := t.role("Role", "reader", "shop", 10, [t.rule([""], ["secrets"], ["list"])])
	b := t.binding("RoleBinding", "b", "shop", 1, "Role", "reader", [{"kind": "User", "name": "system:anonymous"}])
	{f.severity | some f in KS041.deny} == {"error"} with input as t.manifests([reader, b])
	harmless := t.role("Role", "reader", "shop", 10, [t.rule([""], ["configmaps"], ["list"])])
	{object.get(f, "severity", "rule") | some f in KS041.deny} == {"rule"} with input as t.manifests([harmless, b])
}

test_named_subjects_allowed if {
	b := t.binding("ClusterRoleBinding", "b", "", 1, "ClusterRole", "cluster-admin", [
		t.group("system:authenticated-users"),
		t.sa("system", "kube-system"),
		t.group("system:serviceaccounts:shop"),
		{"kind": "User", "name": "alice"},
	])
	count(KS041.deny) == 0 with input as t.manifests([b])
}
