package rules.kubernetes.KS016_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS016

unmasked := {"containers": [t.with_sc(t.container("web"), {"procMount": "Unmasked"})]}

test_unmasked_denied if {
	got := KS016.deny with input as t.pod_input(unmasked)
	got == {{
		"msg": `container "web" sets procMount "Unmasked", which unmasks /proc: remove it or use Default`,
		"path": ["spec", "containers", 0, "securityContext", "procMount"],
	}}
}

test_default_and_unset_allowed if {
	spec := {"containers": [t.with_sc(t.container("web"), {"procMount": "Default"}), t.container("api")]}
	count(KS016.deny) == 0 with input as t.pod_input(spec)
}

test_user_namespace_exempt_from_1_35 if {
	spec := object.union(unmasked, {"hostUsers": false})
	count(KS016.deny) == 0 with input as t.pod_input(spec)
	count(KS016.deny) == 1 with input as t.pod_input(spec) with data.hardline.config as t.version("1.34")
	count(KS016.deny) == 1 with input as t.pod_input(object.union(unmasked, {"hostUsers": true}))
}
