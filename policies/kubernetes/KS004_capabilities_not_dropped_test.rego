package rules.kubernetes.KS004_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS004

test_no_capabilities_denied if {
	spec := {"containers": [t.container("web")]}
	got := KS004.deny with input as t.pod_input(spec)
	count(got) == 1
	some f in got
	f.path == ["spec", "containers", 0, "securityContext", "capabilities", "drop"]
	f.fix.edits == [{"op": "add_to_list", "path": f.path, "values": ["ALL"]}]
	f.msg == `container "web" does not drop all capabilities: add "ALL" to securityContext.capabilities.drop`
}

test_partial_drop_denied if {
	spec := {"initContainers": [t.with_sc(t.container("setup"), {"capabilities": {"drop": ["NET_RAW", "all"]}})], "containers": []}
	count(KS004.deny) == 1 with input as t.pod_input(spec)
}

test_drop_all_allowed if {
	spec := {"containers": [t.with_sc(t.container("web"), {"capabilities": {"drop": ["NET_RAW", "ALL"], "add": ["NET_BIND_SERVICE"]}})]}
	count(KS004.deny) == 0 with input as t.pod_input(spec)
}

test_windows_pod_exempt if {
	spec := {"os": {"name": "windows"}, "containers": [t.container("web")]}
	count(KS004.deny) == 0 with input as t.pod_input(spec)
}

test_not_a_control_before_1_22 if {
	spec := {"containers": [t.container("web")]}
	count(KS004.deny) == 0 with input as t.pod_input(spec) with data.hardline.config as t.version("1.21")
}
