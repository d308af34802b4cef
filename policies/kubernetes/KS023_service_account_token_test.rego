package rules.kubernetes.KS023_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS023

test_default_denied if {
	got := KS023.deny with input as t.deployment_input({"containers": [t.container("web")]})
	count(got) == 1
	some f in got
	f.path == ["spec", "template", "spec", "automountServiceAccountToken"]
	f.msg == "pod mounts a service account token by default: set automountServiceAccountToken: false unless the pod calls the kubernetes api"
	f.fix.edits == [{"op": "set", "path": f.path, "value": false}]
}

test_explicit_true_denied if {
	got := KS023.deny with input as t.pod_input({"automountServiceAccountToken": true, "containers": [t.container("web")]})
	{f.msg | some f in got} == {"pod mounts its service account token (automountServiceAccountToken: true): set it to false unless the pod calls the kubernetes api"}
}

test_false_allowed if {
	count(KS023.deny) == 0 with input as t.pod_input({"automountServiceAccountToken": false, "containers": [t.container("web")]})
}

test_objects_without_pods_ignored if {
	count(KS023.deny) == 0 with input as t.plain_input("v1", "ServiceAccount", {"name": "web"})
}
