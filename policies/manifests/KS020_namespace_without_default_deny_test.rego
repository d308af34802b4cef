package rules.manifests.KS020_test

import data.rules.manifests.KS020

range(line) := {"line": line, "column": 1, "endLine": line, "endColumn": 4, "offset": 0, "endOffset": 3}

workload(name, ns, line) := {
	"file": "deploy/app.yaml", "document": line, "object_path": [],
	"apiVersion": "apps/v1", "kind": "Deployment", "name": name, "namespace": ns,
	"labels": {}, "annotations": {}, "has_pods": true, "range": range(line),
}

policy(name, ns, spec) := {
	"file": "deploy/netpol.yaml", "document": 0, "object_path": [],
	"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "name": name, "namespace": ns,
	"labels": {}, "annotations": {}, "has_pods": false, "spec": spec, "range": range(1),
}

manifests(objects) := {"type": "manifests", "objects": objects}

deny_all := {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}

test_namespace_without_policy_denied_once_at_first_workload if {
	got := KS020.deny with input as manifests([
		workload("web", "shop", 1),
		workload("api", "shop", 2),
		policy("other-ns", "billing", deny_all),
	])
	count(got) == 1
	some f in got
	f.msg == `namespace "shop" has no default-deny NetworkPolicy for ingress and egress: add one with podSelector: {}`
	f.file == "deploy/app.yaml"
	f.document == 1
	f.range == range(1)
	f.fix.title == "Add a default-deny NetworkPolicy to namespace shop"
	contains(f.fix.display, "kind: NetworkPolicy\n")
	contains(f.fix.display, "  namespace: shop\n")
	contains(f.fix.display, "  podSelector: {}\n  policyTypes:\n    - Ingress\n    - Egress\n")
}

test_default_deny_allowed if {
	count(KS020.deny) == 0 with input as manifests([workload("web", "shop", 1), policy("deny", "shop", deny_all)])
}

test_absent_selector_and_empty_match_labels_select_all if {
	count(KS020.deny) == 0 with input as manifests([workload("web", "shop", 1), policy("deny", "shop", {"policyTypes": ["Ingress", "Egress"]})])
	spec := {"podSelector": {"matchLabels": {}, "matchExpressions": []}, "policyTypes": ["Egress", "Ingress"]}
	count(KS020.deny) == 0 with input as manifests([workload("web", "shop", 1), policy("deny", "shop", spec)])
}

test_policy_for_some_pods_does_not_count if {
	spec := {"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Ingress", "Egress"]}
	count(KS020.deny) == 1 with input as manifests([workload("web", "shop", 1), policy("web", "shop", spec)])
}

test_default_policy_types_cover_ingress_only if {
	got := KS020.deny with input as manifests([workload("web", "shop", 1), policy("deny", "shop", {"podSelector": {}})])
	{f.msg | some f in got} == {`namespace "shop" has no default-deny NetworkPolicy for egress: add one with podSelector: {}`}
	some f in got
	contains(f.fix.display, "name: default-deny-egress\n")
}

test_default_policy_types_include_egress_with_egress_rules if {
	# Deny all ingress, allow only DNS egress: a default deny in both directions.
	spec := {"podSelector": {}, "egress": [{"to": [{"namespaceSelector": {}}], "ports": [{"port": 53, "protocol": "UDP"}]}]}
	count(KS020.deny) == 0 with input as manifests([workload("web", "shop", 1), policy("deny", "shop", spec)])
}

test_empty_egress_list_does_not_imply_egress if {
	spec := {"podSelector": {}, "egress": []}
	count(KS020.deny) == 1 with input as manifests([workload("web", "shop", 1), policy("deny", "shop", spec)])
}

test_separate_ingress_and_egress_policies_allowed if {
	count(KS020.deny) == 0 with input as manifests([
		workload("web", "shop", 1),
		policy("deny-ingress", "shop", {"podSelector": {}, "policyTypes": ["Ingress"]}),
		policy("deny-egress", "shop", {"podSelector": {}, "policyTypes": ["Egress"]}),
	])
}

test_allow_all_rule_is_not_a_deny if {
	spec := {"podSelector": {}, "policyTypes": ["Ingress", "Egress"], "ingress": [{}]}
	got := KS020.deny with input as manifests([workload("web", "shop", 1), policy("allow-in", "shop", spec)])
	{f.msg | some f in got} == {`namespace "shop" has no default-deny NetworkPolicy for ingress (NetworkPolicy "allow-in" allows all ingress): add one with podSelector: {}`}
}

test_allow_all_policy_cancels_the_deny if {
	got := KS020.deny with input as manifests([
		workload("web", "shop", 1),
		policy("deny", "shop", deny_all),
		policy("open-egress", "shop", {"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}]}),
	])
	{f.msg | some f in got} == {`namespace "shop" has no default-deny NetworkPolicy for egress (NetworkPolicy "open-egress" allows all egress): add one with podSelector: {}`}
}

test_restricted_rules_are_fine if {
	spec := {
		"podSelector": {},
		"policyTypes": ["Ingress", "Egress"],
		"ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "gateway"}}}]}],
		"egress": [
			{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}}]},
			{"ports": [{"port": 443}]},
		],
	}
	count(KS020.deny) == 0 with input as manifests([workload("web", "shop", 1), policy("deny", "shop", spec)])
}

test_one_finding_per_namespace if {
	got := KS020.deny with input as manifests([
		workload("web", "shop", 1),
		workload("job", "default", 2),
		workload("api", "shop", 3),
		policy("deny", "billing", deny_all),
	])
	{[f.document, f.msg] | some f in got} == {
		[1, `namespace "shop" has no default-deny NetworkPolicy for ingress and egress: add one with podSelector: {}`],
		[2, `namespace "default" has no default-deny NetworkPolicy for ingress and egress: add one with podSelector: {}`],
	}
}

test_no_workloads_allowed if {
	count(KS020.deny) == 0 with input as manifests([policy("deny", "shop", deny_all)])
	count(KS020.deny) == 0 with input as manifests([])
}

test_other_network_plugins_not_read if {
	calico := object.union(policy("deny", "shop", {"selector": "all()", "types": ["Ingress", "Egress"]}), {"apiVersion": "projectcalico.org/v3"})
	count(KS020.deny) == 1 with input as manifests([workload("web", "shop", 1), calico])
}

test_objects_without_namespace_named_as_such if {
	got := KS020.deny with input as manifests([workload("web", "", 1), policy("elsewhere", "default", deny_all)])
	count(got) == 1
	some f in got
	f.msg == "objects without a namespace (deployed to the namespace of the kubectl context) have no default-deny NetworkPolicy for ingress and egress: add one with podSelector: {}"
	not contains(f.fix.display, "namespace:")
	contains(f.fix.display, "  name: default-deny-all\nspec:\n")
}

test_policy_without_namespace_covers_objects_without_namespace if {
	count(KS020.deny) == 0 with input as manifests([workload("web", "", 1), policy("deny", "", deny_all)])
}
