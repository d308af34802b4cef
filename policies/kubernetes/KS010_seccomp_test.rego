package rules.kubernetes.KS010_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS010

test_no_profile_denied_once_per_pod if {
	spec := {"containers": [t.container("web")], "initContainers": [t.container("setup")]}
	got := KS010.deny with input as t.deployment_input(spec)
	count(got) == 1
	some f in got
	f.msg == `no seccomp profile applies to container "web", init container "setup": set the pod's securityContext.seccompProfile.type to RuntimeDefault`
	f.path == ["spec", "template", "spec", "securityContext", "seccompProfile", "type"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": "RuntimeDefault"}]
}

test_pod_profile_allowed if {
	for_type("RuntimeDefault")
	for_type("Localhost")
}

for_type(type) if {
	spec := {"securityContext": {"seccompProfile": {"type": type}}, "containers": [t.container("web")]}
	count(KS010.deny) == 0 with input as t.pod_input(spec)
}

test_every_container_set_allowed if {
	spec := {
		"containers": [t.with_sc(t.container("web"), {"seccompProfile": {"type": "RuntimeDefault"}})],
		"initContainers": [t.with_sc(t.container("setup"), {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}})],
	}
	count(KS010.deny) == 0 with input as t.pod_input(spec)
}

test_one_container_missing_denied if {
	spec := {"containers": [t.with_sc(t.container("web"), {"seccompProfile": {"type": "RuntimeDefault"}}), t.container("sidecar")]}
	got := KS010.deny with input as t.pod_input(spec)
	{f.msg | some f in got} == {`no seccomp profile applies to container "sidecar": set the pod's securityContext.seccompProfile.type to RuntimeDefault`}
}

test_unconfined_left_to_KS013 if {
	spec := {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [t.container("web")]}
	count(KS010.deny) == 0 with input as t.pod_input(spec)
}

test_windows_pod_exempt if {
	spec := {"os": {"name": "windows"}, "containers": [t.container("web")]}
	count(KS010.deny) == 0 with input as t.pod_input(spec)
}

test_not_a_control_before_1_19 if {
	spec := {"containers": [t.container("web")]}
	count(KS010.deny) == 0 with input as t.pod_input(spec) with data.hardline.config as t.version("1.18")
}
