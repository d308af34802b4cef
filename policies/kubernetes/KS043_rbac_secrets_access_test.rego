package rules.kubernetes.KS043_test

import data.lib.rbac_test as t
import data.rules.kubernetes.KS043

test_secret_read_denied_at_resource if {
	got := KS043.deny with input as t.object_input("Role", "reader", [t.rule([""], ["configmaps", "secrets"], ["watch", "get", "list"])])
	got == {{
		"msg": `Role "reader" lets its subjects read every secret (get, list, watch): name the secrets in resourceNames, or mount them instead`,
		"path": ["rules", 0, "resources", 1],
	}}
}

test_wildcard_verbs_and_groups_count if {
	count(KS043.deny) == 1 with input as t.object_input("Role", "r", [t.rule(["*"], ["secrets"], ["*"])])
	count(KS043.deny) == 1 with input as t.object_input("Role", "r", [t.rule([""], ["secrets"], ["list"])])
}

test_narrow_or_other_access_allowed if {
	every rule in [
		object.union(t.rule([""], ["secrets"], ["get"]), {"resourceNames": ["api-key"]}),
		t.rule([""], ["secrets"], ["create", "delete"]),
		t.rule(["apps"], ["secrets"], ["get"]),
		t.rule([""], ["*"], ["get"]),
		t.rule([""], ["configmaps"], ["get"]),
	] {
		count(KS043.deny) == 0 with input as t.object_input("Role", "r", [rule])
	}
}
