package rules.manifests.KS040_test

import data.lib.rbac_test as t
import data.rules.manifests.KS040

test_cluster_role_binding_to_cluster_admin_denied_at_role_ref if {
	b := t.binding("ClusterRoleBinding", "ci-admin", "", 1, "ClusterRole", "cluster-admin", [t.sa("deployer", "ci"), t.group("ops")])
	got := KS040.deny with input as t.manifests([b])
	got == {{
		"msg": `ClusterRoleBinding "ci-admin" grants cluster-admin in every namespace to ServiceAccount "ci/deployer", Group "ops": bind a role limited to what the subjects need`,
		"range": t.span(2), "file": "deploy/rbac.yaml", "document": 1, "object_path": [],
	}}
}

test_role_binding_to_cluster_admin_is_namespaced if {
	b := t.binding("RoleBinding", "admin", "shop", 1, "ClusterRole", "cluster-admin", [t.sa("default", "shop")])
	{f.msg | some f in KS040.deny} == {`RoleBinding "admin" grants cluster-admin in namespace "shop" to ServiceAccount "shop/default": bind a role limited to what the subjects need`} with input as t.manifests([b])
}

test_all_powerful_role_denied_at_its_rule if {
	r := t.role("ClusterRole", "god", "", 10, [t.rule([""], ["configmaps"], ["get"]), t.rule(["*"], ["*"], ["*"])])
	got := KS040.deny with input as t.manifests([r])
	got == {{
		"msg": `ClusterRole "god" allows every verb on every resource, as cluster-admin does: list the resources and verbs it needs`,
		"range": t.span(12), "file": "deploy/rbac.yaml", "document": 10, "object_path": [],
	}}
}

test_binding_to_all_powerful_role_in_the_set_denied if {
	r := t.role("Role", "all", "shop", 10, [t.rule(["*"], ["*"], ["*"])])
	b := t.binding("RoleBinding", "all", "shop", 1, "Role", "all", [t.sa("app", "shop")])
	{f.document | some f in KS040.deny} == {1, 10} with input as t.manifests([r, b])
}

test_binding_to_aggregated_role_that_collects_wildcards_denied if {
	top := t.summary("ClusterRole", "platform", "", 10, {"aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"acme.io/aggregate-to-platform": "true"}}]}})
	part := object.union(t.role("ClusterRole", "platform-all", "", 20, [t.rule(["*"], ["*"], ["*"])]), {"labels": {"acme.io/aggregate-to-platform": "true"}})
	b := t.binding("ClusterRoleBinding", "platform", "", 1, "ClusterRole", "platform", [t.group("platform")])
	{f.document | some f in KS040.deny} == {1, 20} with input as t.manifests([top, part, b])
	unlabelled := object.union(object.remove(part, ["labels"]), {"labels": {"acme.io/aggregate-to-platform": "false"}})
	{f.document | some f in KS040.deny} == {20} with input as t.manifests([top, unlabelled, b])
}

test_cluster_admin_defined_in_the_set_is_judged_by_its_rules if {
	own := t.role("ClusterRole", "cluster-admin", "", 10, [t.rule([""], ["pods"], ["get"])])
	b := t.binding("ClusterRoleBinding", "x", "", 1, "ClusterRole", "cluster-admin", [t.group("ops")])
	count(KS040.deny) == 0 with input as t.manifests([own, b])
}

test_narrow_roles_allowed if {
	rules := [
		t.rule(["*"], ["*"], ["get", "list"]),
		t.rule(["apps"], ["*"], ["*"]),
		t.rule(["*"], ["deployments"], ["*"]),
		{"nonResourceURLs": ["*"], "verbs": ["*"]},
	]
	r := t.role("ClusterRole", "broad", "", 10, rules)
	b := t.binding("ClusterRoleBinding", "v", "", 1, "ClusterRole", "view", [t.group("ops")])
	count(KS040.deny) == 0 with input as t.manifests([r, b])
}
