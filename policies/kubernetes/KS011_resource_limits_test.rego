package rules.kubernetes.KS011_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS011

limits(l) := object.union(t.container("web"), {"resources": {"limits": l}})

test_no_limits_denied if {
	got := KS011.deny with input as t.pod_input({"containers": [t.container("web")]})
	got == {{
		"msg": `container "web" has no cpu or memory limit: set resources.limits`,
		"path": ["spec", "containers", 0, "resources", "limits"],
	}}
}

test_missing_memory_denied if {
	got := KS011.deny with input as t.pod_input({"containers": [limits({"cpu": "1"})]})
	got == {{
		"msg": `container "web" has no memory limit: set resources.limits`,
		"path": ["spec", "containers", 0, "resources", "limits", "memory"],
	}}
}

test_requests_are_not_limits if {
	c := object.union(t.container("web"), {"resources": {"requests": {"cpu": "1", "memory": "1Gi"}}})
	count(KS011.deny) == 1 with input as t.pod_input({"containers": [c]})
}

test_both_limits_allowed if {
	count(KS011.deny) == 0 with input as t.pod_input({"containers": [limits({"cpu": "1", "memory": "1Gi"})]})
}

test_init_containers_checked_ephemeral_skipped if {
	spec := {
		"containers": [limits({"cpu": "1", "memory": "1Gi"})],
		"initContainers": [t.container("setup")],
		"ephemeralContainers": [t.container("debug")],
	}
	got := KS011.deny with input as t.pod_input(spec)
	{f.path | some f in got} == {["spec", "initContainers", 0, "resources", "limits"]}
}
