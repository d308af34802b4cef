package rules.kubernetes.KS044_test

import data.lib.kubernetes_test as k
import data.lib.rbac_test as t
import data.rules.kubernetes.KS044

test_exec_denied_at_resource if {
	got := KS044.deny with input as t.object_input("Role", "debug", [t.rule([""], ["pods", "pods/exec"], ["create"])])
	got == {{
		"msg": `Role "debug" lets its subjects exec into its pods (pods/exec): remove it, or grant it only to those who debug`,
		"path": ["rules", 0, "resources", 1],
	}}
}

test_get_opens_websocket_streams_before_1_35 if {
	every sub in ["pods/exec", "pods/attach", "pods/portforward", "*/exec"] {
		count(KS044.deny) == 1 with input as t.object_input("Role", "r", [t.rule([""], [sub], ["get"])])
			with data.hardline.config as k.version("1.34")
		count(KS044.deny) == 0 with input as t.object_input("Role", "r", [t.rule([""], [sub], ["get"])])
			with data.hardline.config as k.version("1.35")
		count(KS044.deny) == 1 with input as t.object_input("Role", "r", [t.rule([""], [sub], ["create"])])
			with data.hardline.config as k.version("1.35")
	}
}

test_other_verbs_and_narrow_rules_allowed if {
	every rule in [
		t.rule([""], ["pods/exec"], ["list", "watch"]),
		t.rule([""], ["pods", "pods/log"], ["get", "list"]),
		object.union(t.rule([""], ["pods/exec"], ["create"]), {"resourceNames": ["debug-shell"]}),
		t.rule(["apps"], ["pods/exec"], ["create"]),
	] {
		count(KS044.deny) == 0 with input as t.object_input("Role", "r", [rule])
	}
}
