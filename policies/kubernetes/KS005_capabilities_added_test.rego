package rules.kubernetes.KS005_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS005

adds(caps) := {"containers": [t.with_sc(t.container("web"), {"capabilities": {"drop": ["ALL"], "add": caps}})]}

test_default_set_capability_denied if {
	got := KS005.deny with input as t.pod_input(adds(["NET_BIND_SERVICE", "CHOWN"]))
	got == {{
		"msg": `container "web" adds capability "CHOWN", which is not allowed (allowed: NET_BIND_SERVICE)`,
		"path": ["spec", "containers", 0, "securityContext", "capabilities", "add", 1],
	}}
}

test_net_bind_service_allowed if {
	count(KS005.deny) == 0 with input as t.pod_input(adds(["NET_BIND_SERVICE"]))
}

test_no_capabilities_allowed if {
	count(KS005.deny) == 0 with input as t.pod_input({"containers": [t.container("web")]})
}

test_configured_capabilities_allowed if {
	count(KS005.deny) == 0 with input as t.pod_input(adds(["CHOWN"]))
		with data.hardline.config as {"allowed_capabilities": ["CHOWN", "NET_BIND_SERVICE"]}
}

test_empty_configuration_allows_nothing if {
	got := KS005.deny with input as t.pod_input(adds(["NET_BIND_SERVICE"])) with data.hardline.config as {"allowed_capabilities": []}
	{f.msg | some f in got} == {`container "web" adds capability "NET_BIND_SERVICE", which is not allowed (allowed: none)`}
}

test_capabilities_beyond_baseline_left_to_KS012 if {
	count(KS005.deny) == 0 with input as t.pod_input(adds(["SYS_ADMIN", "NET_RAW", "chown"]))
}

test_windows_pod_exempt if {
	spec := object.union(adds(["CHOWN"]), {"os": {"name": "windows"}})
	count(KS005.deny) == 0 with input as t.pod_input(spec)
	count(KS005.deny) == 1 with input as t.pod_input(spec) with data.hardline.config as t.version("1.24")
}
