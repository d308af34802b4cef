package rules.kubernetes.KS002_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS002

test_unset_denied_with_safe_fix if {
	spec := {"containers": [t.container("web")]}
	got := KS002.deny with input as t.deployment_input(spec)
	count(got) == 1
	some f in got
	f.msg == `container "web" allows privilege escalation: set securityContext.allowPrivilegeEscalation: false`
	f.path == ["spec", "template", "spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": false}]
}

test_true_denied if {
	spec := {"initContainers": [t.with_sc(t.container("setup"), {"allowPrivilegeEscalation": true})], "containers": []}
	got := KS002.deny with input as t.pod_input(spec)
	{f.msg | some f in got} == {`init container "setup" sets allowPrivilegeEscalation: true: set it to false`}
}

test_false_allowed if {
	spec := {"containers": [t.with_sc(t.container("web"), {"allowPrivilegeEscalation": false})]}
	count(KS002.deny) == 0 with input as t.pod_input(spec)
}

test_pod_level_does_not_count if {
	# allowPrivilegeEscalation is a container field only.
	spec := {"securityContext": {"allowPrivilegeEscalation": false}, "containers": [t.container("web")]}
	count(KS002.deny) == 1 with input as t.pod_input(spec)
}

test_no_fix_for_privileged_container if {
	spec := {"containers": [t.with_sc(t.container("web"), {"privileged": true})]}
	got := KS002.deny with input as t.pod_input(spec)
	count(got) == 1
	some f in got
	not f.fix
}

test_no_fix_for_sys_admin if {
	spec := {"containers": [t.with_sc(t.container("web"), {"capabilities": {"add": ["SYS_ADMIN"]}})]}
	got := KS002.deny with input as t.pod_input(spec)
	some f in got
	not f.fix
}

test_windows_pod_exempt_from_1_25 if {
	spec := {"os": {"name": "windows"}, "containers": [t.container("web")]}
	count(KS002.deny) == 0 with input as t.pod_input(spec)
	count(KS002.deny) == 1 with input as t.pod_input(spec) with data.hardline.config as t.version("1.24")
}

test_not_a_control_before_1_8 if {
	spec := {"containers": [t.container("web")]}
	count(KS002.deny) == 0 with input as t.pod_input(spec) with data.hardline.config as t.version("1.7")
}
