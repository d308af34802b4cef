package rules.kubernetes.ACME001_test

import data.rules.kubernetes.ACME001

# The inputs below have the shape hardline gives a rule (docs/policies.md,
# "Input: Kubernetes object"), reduced to the fields ACME001 reads and a few
# around them: a rule that reads a field the real input does not have finds
# nothing, and its tests would still pass.

container := {
	"type": "containers", "index": 0, "name": "web",
	"path": ["spec", "template", "spec", "containers", 0],
	"spec": {"name": "web", "image": "registry.example.com/shop/web:1.4.2"},
	"security": {},
}

# deployment is a Deployment input whose object and pod template have the
# given labels.
deployment(labels, template_labels) := {
	"type": "kubernetes", "path": "deploy/web.yaml", "document": 0, "object_path": [], "errors": [],
	"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "namespace": "shop",
	"object": {
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": {"name": "web", "namespace": "shop", "labels": labels},
		"spec": {"template": {"metadata": {"labels": template_labels}, "spec": {"containers": [container.spec]}}},
	},
	"pods": [{
		"path": ["spec", "template", "spec"],
		"spec": {"containers": [container.spec]},
		"metadata": {"labels": template_labels},
		"metadata_path": ["spec", "template", "metadata"],
		"containers": [container],
	}],
	"images": [],
}

test_labelled_workload_allowed if {
	count(ACME001.deny) == 0 with input as deployment({"app": "web", "team": "payments"}, {"app": "web", "team": "payments"})
}

test_unlabelled_workload_denied if {
	got := ACME001.deny with input as deployment({"app": "web"}, {"app": "web"})
	got == {
		{
			"msg": `deployment "web" has no "team" label: name the team that owns it`,
			"path": ["metadata", "labels", "team"],
		},
		{
			# No fix: there is no team to copy.
			"msg": `the pod template of deployment "web" has no "team" label: its pods cannot be traced to a team`,
			"path": ["spec", "template", "metadata", "labels", "team"],
		},
	}
}

test_template_label_fixed_from_workload if {
	got := ACME001.deny with input as deployment({"team": "payments"}, {"app": "web"})
	count(got) == 1
	some f in got
	f.path == ["spec", "template", "metadata", "labels", "team"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": "payments"}]
}

test_empty_label_is_missing if {
	count(ACME001.deny) == 2 with input as deployment({"team": " "}, {"team": ""})
}

test_template_without_labels if {
	input_ := json.remove(deployment({"team": "payments"}, {}), ["pods/0/metadata/labels"])
	got := ACME001.deny with input as input_
	{f.path | some f in got} == {["spec", "template", "metadata", "labels", "team"]}
}

test_pod_reported_once if {
	pod := {
		"type": "kubernetes", "path": "pod.yaml", "document": 0, "object_path": [], "errors": [],
		"apiVersion": "v1", "kind": "Pod", "name": "debug", "namespace": "",
		"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"}, "spec": {"containers": []}},
		"pods": [{
			"path": ["spec"], "spec": {"containers": []},
			"metadata": {"name": "debug"}, "metadata_path": ["metadata"],
			"containers": [],
		}],
		"images": [],
	}
	got := ACME001.deny with input as pod
	{f.path | some f in got} == {["metadata", "labels", "team"]}
}

test_list_item_paths_start_at_the_document_root if {
	item := json.patch(deployment({}, {"team": "payments"}), [
		{"op": "replace", "path": "/object_path", "value": ["items", 1]},
		{"op": "replace", "path": "/pods/0/metadata_path", "value": ["items", 1, "spec", "template", "metadata"]},
	])
	got := ACME001.deny with input as item
	{f.path | some f in got} == {["items", 1, "metadata", "labels", "team"]}
}

test_objects_without_pods_ignored if {
	service := {
		"type": "kubernetes", "path": "svc.yaml", "document": 0, "object_path": [], "errors": [],
		"apiVersion": "v1", "kind": "Service", "name": "web", "namespace": "shop",
		"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}},
		"pods": [], "images": [],
	}
	count(ACME001.deny) == 0 with input as service
}
