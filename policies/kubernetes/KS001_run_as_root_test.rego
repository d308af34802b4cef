package rules.kubernetes.KS001_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS001

test_nothing_set_denied if {
	spec := {"containers": [t.container("web")]}
	got := KS001.deny with input as t.pod_input(spec)
	count(got) == 1
	some f in got
	f.msg == `container "web" may run as root: set runAsNonRoot: true or runAsUser > 0`
	f.path == ["spec", "containers", 0, "securityContext", "runAsNonRoot"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": true}]
}

test_every_container_type_checked if {
	spec := {
		"securityContext": {"runAsNonRoot": false},
		"containers": [t.container("web")],
		"initContainers": [t.container("setup")],
		"ephemeralContainers": [t.container("debug")],
	}
	got := {f.msg | some f in KS001.deny} with input as t.pod_input(spec)
	got == {
		`container "web" may run as root (runAsNonRoot is false): set runAsNonRoot: true or runAsUser > 0`,
		`init container "setup" may run as root (runAsNonRoot is false): set runAsNonRoot: true or runAsUser > 0`,
		`ephemeral container "debug" may run as root (runAsNonRoot is false): set runAsNonRoot: true or runAsUser > 0`,
	}
}

test_pod_run_as_non_root_allowed if {
	spec := {"securityContext": {"runAsNonRoot": true}, "containers": [t.container("web")]}
	count(KS001.deny) == 0 with input as t.pod_input(spec)
}

test_container_run_as_non_root_allowed if {
	spec := {"containers": [t.with_sc(t.container("web"), {"runAsNonRoot": true})]}
	count(KS001.deny) == 0 with input as t.pod_input(spec)
}

test_container_overrides_pod_false if {
	spec := {"securityContext": {"runAsNonRoot": false}, "containers": [t.with_sc(t.container("web"), {"runAsNonRoot": true})]}
	count(KS001.deny) == 0 with input as t.pod_input(spec)
}

test_non_zero_uid_is_not_root if {
	pod_level := {"securityContext": {"runAsUser": 1000}, "containers": [t.container("web")]}
	count(KS001.deny) == 0 with input as t.pod_input(pod_level)
	container_level := {"containers": [t.with_sc(t.container("web"), {"runAsUser": 1000})]}
	count(KS001.deny) == 0 with input as t.pod_input(container_level)
}

test_container_uid_zero_denied_even_with_run_as_non_root if {
	spec := {"securityContext": {"runAsNonRoot": true}, "containers": [t.with_sc(t.container("web"), {"runAsUser": 0})]}
	got := KS001.deny with input as t.pod_input(spec)
	count(got) == 1
	some f in got
	f.path == ["spec", "containers", 0, "securityContext", "runAsUser"]
	f.msg == `container "web" runs as root (runAsUser is 0): use a non-zero uid and runAsNonRoot: true`
	f.fix.edits == [
		{"op": "delete", "path": ["spec", "containers", 0, "securityContext", "runAsUser"]},
		{"op": "set", "path": ["spec", "containers", 0, "securityContext", "runAsNonRoot"], "value": true},
	]
}

test_pod_uid_zero_denied_once_even_when_overridden if {
	spec := {
		"securityContext": {"runAsNonRoot": true, "runAsUser": 0},
		"containers": [t.with_sc(t.container("web"), {"runAsUser": 1000}), t.container("api")],
	}
	got := KS001.deny with input as t.deployment_input(spec)
	count(got) == 1
	some f in got
	f.path == ["spec", "template", "spec", "securityContext", "runAsUser"]
}

test_user_namespace_exempt_from_1_35 if {
	spec := {"hostUsers": false, "securityContext": {"runAsUser": 0}, "containers": [t.container("web")]}
	count(KS001.deny) == 0 with input as t.pod_input(spec)
	count(KS001.deny) == 1 with input as t.pod_input(spec) with data.hardline.config as t.version("1.34")
}

test_host_users_true_not_exempt if {
	spec := {"hostUsers": true, "containers": [t.container("web")]}
	count(KS001.deny) == 1 with input as t.pod_input(spec)
}
