package rules.manifests.KS047_test

import data.lib.rbac_test as t
import data.rules.manifests.KS047

test_default_service_account_with_edit_is_an_error if {
	b := t.binding("RoleBinding", "app-edit", "shop", 1, "ClusterRole", "edit", [t.sa("deployer", "shop"), t.sa("default", "shop")])
	got := KS047.deny with input as t.manifests([b])
	count(got) == 1
	some f in got
	f.range == t.span(4)
	f.severity == "error"
	f.msg == `RoleBinding "app-edit" grants ClusterRole "edit" (read access to secrets, exec into pods and control of the namespace's workloads) in namespace "shop" to ServiceAccount "shop/default", which every pod of the namespace without a serviceAccountName runs as: bind a dedicated service account`
}

test_default_service_account_with_harmless_role_is_a_warning if {
	r := t.role("Role", "config-reader", "shop", 10, [t.rule([""], ["configmaps"], ["get"])])
	b := t.binding("RoleBinding", "cfg", "shop", 1, "Role", "config-reader", [{"kind": "ServiceAccount", "name": "default"}])
	got := KS047.deny with input as t.manifests([r, b])
	{[f.msg, object.get(f, "severity", "rule")] | some f in got} == {[
		`RoleBinding "cfg" binds Role "config-reader" in namespace "shop" to ServiceAccount "shop/default", which every pod of the namespace without a serviceAccountName runs as: bind a dedicated service account`,
		"rule",
	]}
}

test_role_in_the_set_that_execs_is_privileged if {
	r := t.role("Role", "debug", "shop", 10, [t.rule([""], ["pods/exec"], ["create"])])
	b := t.binding("RoleBinding", "dbg", "shop", 1, "Role", "debug", [t.sa("default", "shop")])
	some f in KS047.deny with input as t.manifests([r, b])
	f.severity == "error"
	contains(f.msg, `Role "debug" (execs into pods)`)
}

test_other_subjects_allowed if {
	b := t.binding("RoleBinding", "b", "shop", 1, "ClusterRole", "edit", [
		t.sa("deployer", "shop"),
		{"kind": "User", "name": "default"},
		{"kind": "Group", "name": "default"},
	])
	count(KS047.deny) == 0 with input as t.manifests([b])
}

test_cluster_role_binding_without_namespace_names_the_account if {
	b := t.binding("ClusterRoleBinding", "b", "", 1, "ClusterRole", "view", [{"kind": "ServiceAccount", "name": "default"}])
	some f in KS047.deny with input as t.manifests([b])
	contains(f.msg, `to ServiceAccount "default", which`)
}
