package rules.kubernetes.KS028_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS028

test_uid_without_run_as_non_root_denied if {
	spec := {"securityContext": {"runAsUser": 1000}, "containers": [t.container("web")]}
	got := KS028.deny with input as t.pod_input(spec)
	count(got) == 1
	some f in got
	f.msg == `container "web" runs as uid 1000 but does not set runAsNonRoot: true: set runAsNonRoot: true`
	f.path == ["spec", "containers", 0, "securityContext", "runAsNonRoot"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": true}]
}

test_uid_with_run_as_non_root_false_denied if {
	spec := {"containers": [t.with_sc(t.container("web"), {"runAsUser": 1000, "runAsNonRoot": false})]}
	got := KS028.deny with input as t.pod_input(spec)
	{f.msg | some f in got} == {`container "web" runs as uid 1000 but sets runAsNonRoot: false: set runAsNonRoot: true`}
}

test_uid_with_run_as_non_root_allowed if {
	spec := {"securityContext": {"runAsNonRoot": true}, "containers": [t.with_sc(t.container("web"), {"runAsUser": 1000})]}
	count(KS028.deny) == 0 with input as t.pod_input(spec)
}

test_root_or_unset_left_to_KS001 if {
	count(KS028.deny) == 0 with input as t.pod_input({"containers": [t.container("web")]})
	count(KS028.deny) == 0 with input as t.pod_input({"containers": [t.with_sc(t.container("web"), {"runAsUser": 0})]})
}

test_pod_false_overridden_everywhere_denied if {
	spec := {
		"securityContext": {"runAsNonRoot": false},
		"containers": [t.with_sc(t.container("web"), {"runAsNonRoot": true})],
		"initContainers": [t.with_sc(t.container("setup"), {"runAsNonRoot": true})],
	}
	got := KS028.deny with input as t.pod_input(spec)
	{f.path | some f in got} == {["spec", "securityContext", "runAsNonRoot"]}
}

test_pod_false_inherited_left_to_KS001 if {
	spec := {
		"securityContext": {"runAsNonRoot": false},
		"containers": [t.with_sc(t.container("web"), {"runAsNonRoot": true}), t.container("api")],
	}
	count(KS028.deny) == 0 with input as t.pod_input(spec)
}

test_user_namespace_exempt if {
	spec := {"hostUsers": false, "securityContext": {"runAsUser": 1000}, "containers": [t.container("web")]}
	count(KS028.deny) == 0 with input as t.pod_input(spec)
}
