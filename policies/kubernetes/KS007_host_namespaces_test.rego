package rules.kubernetes.KS007_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS007

test_each_namespace_denied if {
	spec := {"hostNetwork": true, "hostPID": true, "hostIPC": true, "containers": [t.container("web")]}
	got := KS007.deny with input as t.deployment_input(spec)
	{f.path | some f in got} == {
		["spec", "template", "spec", "hostNetwork"],
		["spec", "template", "spec", "hostPID"],
		["spec", "template", "spec", "hostIPC"],
	}
	{"msg": "pod shares the host's process (PID) namespace (hostPID: true): remove it", "path": ["spec", "template", "spec", "hostPID"]} in got
}

test_false_allowed if {
	spec := {"hostNetwork": false, "hostPID": false, "hostIPC": false, "containers": [t.container("web")]}
	count(KS007.deny) == 0 with input as t.pod_input(spec)
}

test_unset_allowed if {
	count(KS007.deny) == 0 with input as t.pod_input({"containers": [t.container("web")]})
}
