package rules.kubernetes.KS019_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS019

test_pod_host_process_denied if {
	spec := {"os": {"name": "windows"}, "hostNetwork": true, "securityContext": {"windowsOptions": {"hostProcess": true}}, "containers": [t.container("agent")]}
	got := KS019.deny with input as t.pod_input(spec)
	got == {{
		"msg": "pod runs Windows HostProcess containers (windowsOptions.hostProcess: true): remove it",
		"path": ["spec", "securityContext", "windowsOptions", "hostProcess"],
	}}
}

test_container_host_process_denied if {
	spec := {"containers": [t.with_sc(t.container("agent"), {"windowsOptions": {"hostProcess": true}})]}
	got := KS019.deny with input as t.pod_input(spec)
	{f.path | some f in got} == {["spec", "containers", 0, "securityContext", "windowsOptions", "hostProcess"]}
}

test_not_host_process_allowed if {
	spec := {
		"securityContext": {"windowsOptions": {"hostProcess": false, "runAsUserName": "ContainerUser"}},
		"containers": [t.with_sc(t.container("web"), {"windowsOptions": {}})],
	}
	count(KS019.deny) == 0 with input as t.pod_input(spec)
}
