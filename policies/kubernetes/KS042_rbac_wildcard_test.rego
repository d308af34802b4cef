package rules.kubernetes.KS042_test

import data.lib.rbac_test as t
import data.rules.kubernetes.KS042

test_wildcard_denied_at_first_wildcard if {
	got := KS042.deny with input as t.object_input("ClusterRole", "ops", [t.rule([""], ["configmaps"], ["get"]), t.rule(["apps"], ["deployments", "*"], ["*"])])
	got == {{
		"msg": `ClusterRole "ops" allows "*" in the resources and verbs of rule 1: list what the subjects need`,
		"path": ["rules", 1, "resources", 1],
	}}
}

test_each_field_reported if {
	every c in [
		[t.rule(["*"], ["pods"], ["get"]), "apiGroups"],
		[t.rule([""], ["*"], ["get"]), "resources"],
		[t.rule([""], ["pods"], ["*"]), "verbs"],
	] {
		[rule, key] := c
		{f.path[2] | some f in KS042.deny} == {key} with input as t.object_input("Role", "r", [rule])
	}
}

test_full_wildcard_left_to_ks040 if {
	count(KS042.deny) == 0 with input as t.object_input("ClusterRole", "god", [t.rule(["*"], ["*"], ["*"])])
}

test_non_resource_urls if {
	count(KS042.deny) == 0 with input as t.object_input("ClusterRole", "probe", [{"nonResourceURLs": ["/healthz", "/metrics"], "verbs": ["*"]}])
	count(KS042.deny) == 1 with input as t.object_input("ClusterRole", "probe", [{"nonResourceURLs": ["/api/*"], "verbs": ["*"]}])
}

test_other_kinds_and_groups_ignored if {
	count(KS042.deny) == 0 with input as t.object_input("ClusterRole", "ok", [t.rule(["apps"], ["deployments"], ["get", "list"])])
	crd := object.union(t.object_input("Role", "r", [t.rule(["*"], ["*"], ["get"])]), {"apiVersion": "example.com/v1"})
	count(KS042.deny) == 0 with input as crd
}

test_wildcard_outside_a_list_ignored if {
	count(KS042.deny) == 0 with input as t.object_input("Role", "r", [{"apiGroups": "*", "resources": {"a": "*"}, "verbs": ["get"]}])
	count(KS042.deny) == 1 with input as t.object_input("Role", "r", [{"apiGroups": "*", "resources": ["pods", "*"], "verbs": ["get"]}])
}
