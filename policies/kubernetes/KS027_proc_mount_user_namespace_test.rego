package rules.kubernetes.KS027_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS027

spec(host_users, proc_mount) := {
	"hostUsers": host_users,
	"containers": [t.with_sc(t.container("web"), {"procMount": proc_mount})],
}

test_unmasked_in_user_namespace_denied if {
	got := KS027.deny with input as t.pod_input(spec(false, "Unmasked"))
	got == {{
		"msg": `container "web" sets procMount "Unmasked": the restricted pod security standard requires Default even with hostUsers: false`,
		"path": ["spec", "containers", 0, "securityContext", "procMount"],
	}}
}

test_host_users_left_to_KS016 if {
	count(KS027.deny) == 0 with input as t.pod_input(spec(true, "Unmasked"))
	count(KS027.deny) == 0 with input as t.pod_input({"containers": [t.with_sc(t.container("web"), {"procMount": "Unmasked"})]})
}

test_before_1_35_left_to_KS016 if {
	count(KS027.deny) == 0 with input as t.pod_input(spec(false, "Unmasked")) with data.hardline.config as t.version("1.34")
}

test_default_allowed if {
	count(KS027.deny) == 0 with input as t.pod_input(spec(false, "Default"))
}
