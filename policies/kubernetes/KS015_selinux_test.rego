package rules.kubernetes.KS015_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS015

test_custom_type_denied if {
	spec := {"securityContext": {"seLinuxOptions": {"type": "spc_t"}}, "containers": [t.container("web")]}
	got := KS015.deny with input as t.pod_input(spec)
	got == {{
		"msg": `pod sets SELinux type "spc_t": leave it unset or use container_t`,
		"path": ["spec", "securityContext", "seLinuxOptions", "type"],
	}}
}

test_user_and_role_denied if {
	spec := {"containers": [], "initContainers": [t.with_sc(t.container("setup"), {"seLinuxOptions": {"user": "system_u", "role": "system_r"}})]}
	got := KS015.deny with input as t.pod_input(spec)
	{f.msg | some f in got} == {
		`init container "setup" sets a custom SELinux user: remove seLinuxOptions.user`,
		`init container "setup" sets a custom SELinux role: remove seLinuxOptions.role`,
	}
}

test_allowed_options if {
	spec := {
		"securityContext": {"seLinuxOptions": {"type": "container_t", "level": "s0:c1,c2"}},
		"containers": [
			t.with_sc(t.container("web"), {"seLinuxOptions": {}}),
			t.with_sc(t.container("vm"), {"seLinuxOptions": {"type": "container_kvm_t", "user": "", "role": ""}}),
		],
		"initContainers": [t.with_sc(t.container("setup"), {"seLinuxOptions": {"type": "container_init_t"}})],
	}
	count(KS015.deny) == 0 with input as t.pod_input(spec)
}

test_container_engine_t_from_1_31 if {
	spec := {"containers": [t.with_sc(t.container("builder"), {"seLinuxOptions": {"type": "container_engine_t"}})]}
	count(KS015.deny) == 0 with input as t.pod_input(spec)
	count(KS015.deny) == 1 with input as t.pod_input(spec) with data.hardline.config as t.version("1.30")
}
