package rules.kubernetes.KS006_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS006

test_privileged_denied_with_fix if {
	spec := {"containers": [t.container("web"), t.with_sc(t.container("agent"), {"privileged": true})]}
	got := KS006.deny with input as t.deployment_input(spec)
	count(got) == 1
	some f in got
	f.msg == `container "agent" runs privileged: remove privileged: true`
	f.path == ["spec", "template", "spec", "containers", 1, "securityContext", "privileged"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": false}]
}

test_privileged_init_and_ephemeral_denied if {
	spec := {
		"containers": [t.container("web")],
		"initContainers": [t.with_sc(t.container("setup"), {"privileged": true})],
		"ephemeralContainers": [t.with_sc(t.container("debug"), {"privileged": true})],
	}
	count(KS006.deny) == 2 with input as t.pod_input(spec)
}

test_not_privileged_allowed if {
	spec := {"containers": [t.with_sc(t.container("web"), {"privileged": false}), t.container("api")]}
	count(KS006.deny) == 0 with input as t.pod_input(spec)
}

test_string_true_is_not_privileged if {
	# Kubernetes rejects a string; the rule only reports real booleans.
	spec := {"containers": [t.with_sc(t.container("web"), {"privileged": "true"})]}
	count(KS006.deny) == 0 with input as t.pod_input(spec)
}
