package rules.manifests.KS023_test

import data.rules.manifests.KS023

range := {"line": 2, "column": 1, "endLine": 2, "endColumn": 11, "offset": 15, "endOffset": 25}

workload(ns, pod) := {
	"file": "deploy/app.yaml", "document": 0, "object_path": [],
	"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "namespace": ns,
	"labels": {}, "annotations": {}, "has_pods": true, "range": range,
	"pods": [object.union({"path": ["spec", "template", "spec"], "serviceAccountName": "", "automountServiceAccountToken": null}, pod)],
}

account(ns, name, automount) := {
	"file": "deploy/sa.yaml", "document": 0, "object_path": [],
	"apiVersion": "v1", "kind": "ServiceAccount", "name": name, "namespace": ns,
	"labels": {}, "annotations": {}, "has_pods": false, "range": range,
	"automountServiceAccountToken": automount,
}

manifests(objects) := {"type": "manifests", "objects": objects}

test_default_denied if {
	got := KS023.deny with input as manifests([workload("shop", {})])
	count(got) == 1
	some f in got
	f.path == ["spec", "template", "spec", "automountServiceAccountToken"]
	f.file == "deploy/app.yaml"
	f.document == 0
	f.msg == `pod mounts a token of service account "default" by default: set automountServiceAccountToken: false (on the pod or the ServiceAccount) unless the pod calls the kubernetes api`
	f.fix.edits == [{"op": "set", "path": f.path, "value": false}]
}

test_explicit_true_denied if {
	got := KS023.deny with input as manifests([workload("shop", {"automountServiceAccountToken": true}), account("shop", "default", false)])
	{f.msg | some f in got} == {"pod mounts its service account token (automountServiceAccountToken: true): set it to false unless the pod calls the kubernetes api"}
}

test_false_allowed if {
	count(KS023.deny) == 0 with input as manifests([workload("shop", {"automountServiceAccountToken": false})])
}

test_service_account_opting_out_allowed if {
	count(KS023.deny) == 0 with input as manifests([
		workload("shop", {"serviceAccountName": "web"}),
		account("shop", "web", false),
	])
}

test_default_service_account_opting_out_allowed if {
	count(KS023.deny) == 0 with input as manifests([workload("", {}), account("", "default", false)])
}

test_service_account_of_other_namespace_or_name_ignored if {
	got := KS023.deny with input as manifests([
		workload("shop", {"serviceAccountName": "web"}),
		account("billing", "web", false),
		account("shop", "api", false),
		account("shop", "web", null),
	])
	count(got) == 1
}

test_objects_without_pods_ignored if {
	count(KS023.deny) == 0 with input as manifests([account("shop", "web", true)])
}
