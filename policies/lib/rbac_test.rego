# Tests of lib.rbac, and builders of RBAC objects in the shape of the
# manifests summary (see docs/policies.md) that the rule tests share.
package lib.rbac_test

import data.lib.rbac

# --- builders -------------------------------------------------------------

span(line) := {"line": line, "column": 3, "endLine": line, "endColumn": 9, "offset": line * 10, "endOffset": (line * 10) + 6}

summary(kind, name, ns, line, fields) := object.union(
	{
		"file": "deploy/rbac.yaml", "document": line, "object_path": [],
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "name": name, "namespace": ns,
		"labels": {}, "annotations": {}, "has_pods": false, "range": span(line),
		"rules": [], "rule_ranges": [], "subjects": [], "subject_ranges": [],
		"aggregationRule": {}, "roleRef": {}, "roleRef_range": span(line),
	},
	fields,
)

role(kind, name, ns, line, rules) := summary(kind, name, ns, line, {
	"rules": rules,
	"rule_ranges": [span((line + 1) + i) | some i, _ in rules],
})

binding(kind, name, ns, line, ref_kind, ref_name, subjects) := summary(kind, name, ns, line, {
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref_name},
	"roleRef_range": span(line + 1),
	"subjects": subjects,
	"subject_ranges": [span((line + 2) + i) | some i, _ in subjects],
})

rule(groups, resources, verbs) := {"apiGroups": groups, "resources": resources, "verbs": verbs}

manifests(objects) := {"type": "manifests", "objects": objects}

sa(name, ns) := {"kind": "ServiceAccount", "name": name, "namespace": ns}

group(name) := {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": name}

# object_input is a Role or ClusterRole as the input of a kubernetes rule.
object_input(kind, name, rules) := {
	"type": "kubernetes", "path": "deploy/rbac.yaml", "document": 0, "object_path": [], "errors": [],
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "name": name, "namespace": "",
	"object": {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": name}, "rules": rules},
	"pods": [], "images": [],
}

# --- tests of the helpers -------------------------------------------------

test_matching_follows_the_authorizer if {
	rbac.grants(rule([""], ["secrets"], ["get"]), {""}, ["secrets"], rbac.read_verbs)
	rbac.grants(rule(["*"], ["secrets"], ["*"]), {""}, ["secrets"], rbac.read_verbs)
	rbac.grants(rule([""], ["*"], ["list"]), {""}, ["secrets"], rbac.read_verbs)
	rbac.grants(rule([""], ["*/exec"], ["create"]), {""}, ["pods/exec"], {"create"})
	not rbac.names(rule([""], ["*"], ["list"]), {""}, ["secrets"], rbac.read_verbs)
	not rbac.grants(rule(["apps"], ["secrets"], ["get"]), {""}, ["secrets"], rbac.read_verbs)
	not rbac.grants(rule([""], ["pods/*"], ["create"]), {""}, ["pods/exec"], {"create"})
	not rbac.grants(rule([""], ["Secrets"], ["get"]), {""}, ["secrets"], rbac.read_verbs)
	not rbac.grants(rule([""], ["secrets"], ["GET"]), {""}, ["secrets"], rbac.read_verbs)
	not rbac.grants(object.union(rule([""], ["secrets"], ["get"]), {"resourceNames": ["tls"]}), {""}, ["secrets"], rbac.read_verbs)
}

test_all_powerful_needs_every_wildcard_unscoped if {
	rbac.all_powerful(rule(["*"], ["*"], ["*"]))
	not rbac.all_powerful(rule(["*"], ["*"], ["get"]))
	not rbac.all_powerful(rule([""], ["*"], ["*"]))
	not rbac.all_powerful(object.union(rule(["*"], ["*"], ["*"]), {"resourceNames": ["x"]}))
	not rbac.all_powerful({"nonResourceURLs": ["*"], "verbs": ["*"]})
}

test_malformed_rules_grant_nothing if {
	not rbac.grants({"apiGroups": "", "resources": "secrets", "verbs": "get"}, {""}, ["secrets"], rbac.read_verbs)
	not rbac.grants("rule", {""}, ["secrets"], rbac.read_verbs)
	rbac.list({"verbs": "get"}, "verbs") == []
}

# naming_rules mix what naming must tell apart: exact and "*/sub" items,
# "*" groups and verbs, scoped, malformed and non-string items, a resource
# named twice, other groups and verbs.
naming_rules := [
	rule([""], ["pods", "pods/exec", "secrets"], ["get", "create"]),
	rule(["*"], ["*/exec", "deployments"], ["*"]),
	object.union(rule([""], ["secrets"], ["get"]), {"resourceNames": ["tls"]}),
	rule(["apps", ""], ["deployments", "secrets", "deployments"], ["patch"]),
	rule(["apps"], ["pods/exec"], ["list"]),
	rule([""], [7, "*/attach", "pods/attach/x"], ["create"]),
	{"apiGroups": "", "resources": ["secrets"], "verbs": ["get"]},
	"rule",
	rule([""], ["*"], ["get"]),
]

naming_wants := [
	[{""}, ["secrets"], rbac.read_verbs],
	[{""}, ["pods/exec", "pods/attach"], {"create", "get"}],
	[{"apps"}, ["deployments", "statefulsets"], {"create", "update", "patch"}],
	[{"batch"}, ["jobs"], {"create"}],
	[{""}, ["pods/attach/y"], {"create"}],
]

test_naming_agrees_with_names_rule_by_rule if {
	every w in naming_wants {
		[groups, resources, verbs] := w
		want := {i: rbac.resource_indices(r, resources) |
			some i, r in naming_rules
			rbac.names(r, groups, resources, verbs)
		}
		rbac.naming(groups, resources, verbs) == want with input as object_input("Role", "r", naming_rules)
	}
}

test_naming_finds_each_kind_of_item if {
	got := rbac.naming({""}, ["pods/exec", "pods/attach"], {"create"}) with input as object_input("Role", "r", naming_rules)
	got == {0: {1}, 1: {0}, 5: {1}}
}

test_binding_refers_to_role_of_its_namespace if {
	b := binding("RoleBinding", "b", "shop", 1, "Role", "reader", [sa("app", "shop")])
	r_other := role("Role", "reader", "billing", 10, [rule([""], ["secrets"], ["get"])])
	r_same := role("Role", "reader", "shop", 20, [rule([""], ["configmaps"], ["get"])])
	got := rbac.role_of(b) with input as manifests([b, r_other, r_same])
	got.document == 20
	not rbac.role_of(b) with input as manifests([b, r_other])
}

test_cluster_role_binding_cannot_refer_to_a_role if {
	b := binding("ClusterRoleBinding", "b", "", 1, "Role", "reader", [sa("app", "shop")])
	not rbac.role_of(b) with input as manifests([b, role("Role", "reader", "", 10, [])])
}

test_aggregated_rules_are_followed_transitively if {
	top := summary("ClusterRole", "top", "", 1, {"aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"agg/top": "true"}}]}})
	mid := object.union(
		summary("ClusterRole", "mid", "", 10, {"aggregationRule": {"clusterRoleSelectors": [{"matchExpressions": [{"key": "agg/mid", "operator": "Exists"}]}]}}),
		{"labels": {"agg/top": "true"}},
	)
	leaf := object.union(role("ClusterRole", "leaf", "", 20, [rule([""], ["secrets"], ["list"])]), {"labels": {"agg/mid": "x"}})
	other := role("ClusterRole", "other", "", 30, [rule(["*"], ["*"], ["*"])])
	rules := rbac.effective_rules(top) with input as manifests([top, mid, leaf, other])
	rules == [rule([""], ["secrets"], ["list"])]
}

agg(name, label, selects_label, rules) := object.union(
	role("ClusterRole", name, "", 1, rules),
	{"labels": {"agg": label}, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"agg": selects_label}}]}},
)

test_aggregation_cycles_end if {
	a := agg("a", "la", "lb", [])
	b := agg("b", "lb", "lc", [])
	c := agg("c", "lc", "la", [rule([""], ["secrets"], ["get"])])
	rules := rbac.effective_rules(a) with input as manifests([a, b, c])
	rules == [rule([""], ["secrets"], ["get"])]
}

test_every_match_label_must_match if {
	top := summary("ClusterRole", "top", "", 1, {"aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"a": "1", "b": "2"}}]}})
	both := object.union(role("ClusterRole", "both", "", 10, [rule([""], ["secrets"], ["get"])]), {"labels": {"a": "1", "b": "2"}})
	first := object.union(role("ClusterRole", "first", "", 20, [rule(["*"], ["*"], ["*"])]), {"labels": {"a": "1"}})
	second := object.union(role("ClusterRole", "second", "", 30, [rule(["*"], ["*"], ["*"])]), {"labels": {"b": "2"}})
	rbac.effective_rules(top) == [rule([""], ["secrets"], ["get"])] with input as manifests([top, both, first, second])
}

test_malformed_match_labels_aggregate_nothing if {
	top := summary("ClusterRole", "top", "", 1, {"aggregationRule": {"clusterRoleSelectors": [{"matchLabels": ["a"]}]}})
	other := object.union(role("ClusterRole", "other", "", 30, [rule(["*"], ["*"], ["*"])]), {"labels": {"a": "1"}})
	rbac.effective_rules(top) == [] with input as manifests([top, other])
}

test_empty_selector_aggregates_nothing if {
	top := summary("ClusterRole", "top", "", 1, {"aggregationRule": {"clusterRoleSelectors": [{}]}})
	other := role("ClusterRole", "other", "", 30, [rule(["*"], ["*"], ["*"])])
	rbac.effective_rules(top) == [] with input as manifests([top, other])
}

test_grant_of_builtin_roles_by_name if {
	b := binding("RoleBinding", "b", "shop", 1, "ClusterRole", "edit", [sa("app", "shop")])
	contains(rbac.grant(b), `ClusterRole "edit"`) with input as manifests([b])
	v := binding("RoleBinding", "b", "shop", 1, "ClusterRole", "view", [sa("app", "shop")])
	not rbac.grant(v) with input as manifests([v])

	# Defined in the set: judged by its rules, not its name.
	own := role("ClusterRole", "edit", "", 10, [rule([""], ["configmaps"], ["get"])])
	not rbac.grant(b) with input as manifests([b, own])
}
