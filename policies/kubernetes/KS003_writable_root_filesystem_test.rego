package rules.kubernetes.KS003_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS003

test_unset_denied if {
	spec := {"containers": [t.container("web")], "ephemeralContainers": [t.container("debug")]}
	got := KS003.deny with input as t.pod_input(spec)
	count(got) == 2
	some f in got
	f.path == ["spec", "containers", 0, "securityContext", "readOnlyRootFilesystem"]
	f.msg == `container "web" has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true`
	f.fix.edits == [{"op": "set", "path": f.path, "value": true}]
}

test_false_denied if {
	spec := {"containers": [t.with_sc(t.container("web"), {"readOnlyRootFilesystem": false})]}
	count(KS003.deny) == 1 with input as t.pod_input(spec)
}

test_true_allowed if {
	spec := {"containers": [t.with_sc(t.container("web"), {"readOnlyRootFilesystem": true})]}
	count(KS003.deny) == 0 with input as t.pod_input(spec)
}

test_windows_pod_skipped if {
	spec := {"os": {"name": "windows"}, "containers": [t.container("web")]}
	count(KS003.deny) == 0 with input as t.pod_input(spec)
}

test_object_without_pods_allowed if {
	count(KS003.deny) == 0 with input as t.plain_input("v1", "Service", {"name": "web"})
}
