# METADATA
# description: |
#   Helpers for the RBAC rules: what a PolicyRule grants, matched as the
#   Kubernetes RBAC authorizer does (exact names, "*" for all, "*/sub" for a
#   subresource of every resource), and, over the manifests summary, which
#   role a binding refers to and what that role grants, aggregated
#   ClusterRoles included.
package lib.rbac

import data.lib.kubernetes as k8s

# --- one PolicyRule ----------------------------------------------------------

# list is a list field of a rule, or [] when it is absent or not a list.
list(rule, key) := rule[key] if {
	is_object(rule)
	is_array(rule[key])
} else := []

# scoped rules name the objects they apply to (resourceNames).
scoped(rule) if count(list(rule, "resourceNames")) > 0

# verb_indices are the indices of the items of the rule's verbs that grant
# one of verbs ("*" grants every verb).
verb_indices(rule, verbs) := {i |
	some i, v in list(rule, "verbs")
	granted(v, verbs)
}

# group_matches holds when the rule's apiGroups include one of groups.
group_matches(rule, groups) if {
	some g in list(rule, "apiGroups")
	granted(g, groups)
}

# resource_indices are the indices of the items of the rule's resources
# that name one of resources ("pods/exec" is named by "pods/exec" and
# "*/exec"; "*" is not counted: wildcards are reported as such).
resource_indices(rule, resources) := {i |
	some i, r in list(rule, "resources")
	some want in resources
	covers(r, want)
}

covers(r, want) if r == want

covers(r, want) if {
	contains(want, "/")
	r == concat("", ["*/", split(want, "/")[1]])
}

granted(item, _) if item == "*"

granted(item, wanted) if item in wanted

# names holds when the rule, unscoped, grants one of verbs on one of
# resources of one of groups, naming the resource.
names(rule, groups, resources, verbs) if {
	not scoped(rule)
	group_matches(rule, groups)
	count(resource_indices(rule, resources)) > 0
	count(verb_indices(rule, verbs)) > 0
}

# grants holds when the rule, unscoped, grants one of verbs on one of
# resources of one of groups, by name or by "*".
grants(rule, groups, resources, verbs) if names(rule, groups, resources, verbs)

grants(rule, groups, _, verbs) if {
	not scoped(rule)
	group_matches(rule, groups)
	"*" in list(rule, "resources")
	count(verb_indices(rule, verbs)) > 0
}

# all_powerful rules allow every verb on every resource of every group.
all_powerful(rule) if {
	not scoped(rule)
	"*" in list(rule, "apiGroups")
	"*" in list(rule, "resources")
	"*" in list(rule, "verbs")
}

read_verbs := {"get", "list", "watch"}

# stream_verbs open pods/exec, pods/attach and pods/portforward: create
# (kubectl's SPDY POST) and, before Kubernetes 1.35, get (the WebSocket
# upgrade is a GET; from 1.35 the API server checks create for it too, the
# AuthorizePodWebsocketUpgradeCreatePermission feature gate).
stream_verbs := {"create"} if k8s.at_least(35)

else := {"create", "get"}

write_verbs := {"create", "update", "patch", "delete", "deletecollection"}

# workload_resources are the resources whose creation runs a pod, by API group.
workload_resources := {
	"": ["pods", "replicationcontrollers", "podtemplates"],
	"apps": ["deployments", "daemonsets", "statefulsets", "replicasets"],
	"extensions": ["deployments", "daemonsets", "replicasets"],
	"batch": ["jobs", "cronjobs"],
}

# privileged rules give a way to the rest of the cluster or namespace: all
# powerful, reading secrets, exec into pods, running pods, or escalation.
privileged(rule) if all_powerful(rule)

privileged(rule) if grants(rule, {""}, ["secrets"], read_verbs)

privileged(rule) if grants(rule, {""}, ["pods/exec", "pods/attach"], stream_verbs)

privileged(rule) if {
	some group, resources in workload_resources
	grants(rule, {group}, resources, {"create", "update", "patch"})
}

privileged(rule) if {
	not scoped(rule)
	some v in list(rule, "verbs")
	v in {"escalate", "bind", "impersonate"}
}

privileged(rule) if grants(rule, {""}, ["nodes/proxy"], {"get", "create"})

# --- roles and bindings of the manifests summary -------------------------------

# builtin_privileged are the default ClusterRoles judged by name when the
# linted set does not define them.
builtin_privileged := {
	"cluster-admin": "full control of every resource",
	"admin": "read access to secrets, exec into pods and control of the namespace's workloads and roles",
	"edit": "read access to secrets, exec into pods and control of the namespace's workloads",
}

roles := [o |
	some o in input.objects
	o.kind in {"Role", "ClusterRole"}
	is_array(o.rules)
]

bindings := [o |
	some o in input.objects
	o.kind in {"RoleBinding", "ClusterRoleBinding"}
	is_array(o.subjects)
]

# role_of is the role the binding refers to, when the set holds it (the
# first one, if it is defined twice): a RoleBinding's Role is in the
# binding's namespace.
role_of(b) := roles[min(role_table[ref_key(b)])]

# role_table maps [kind, namespace, name] to the indices of the roles of
# that name, so that bindings find their role without a scan each. The
# inner comprehension compares with a key bound outside it, which OPA
# answers from an index built once for the table (a partial rule grouping
# the roles by key cost the square of their number).
role_table := {key: indices |
	some key in {k | some k in role_keys}
	indices := {i | some i, k in role_keys; k == key}
}

# role_keys are the [kind, namespace, name] of the roles, in their order.
role_keys := [[r.kind, namespace_key(r), r.name] | some r in roles]

namespace_key(r) := r.namespace if r.kind == "Role"

else := ""

# ref_key is the role_table key of the role a binding refers to: a
# RoleBinding's Role is in the binding's namespace; a ClusterRoleBinding
# refers to ClusterRoles only.
ref_key(b) := ["Role", b.namespace, b.roleRef.name] if {
	b.kind == "RoleBinding"
	b.roleRef.kind == "Role"
} else := ["ClusterRole", "", b.roleRef.name] if {
	b.roleRef.kind == "ClusterRole"
}

# effective_rules are the role's rules and, for a ClusterRole with an
# aggregationRule, the rules of every ClusterRole of the set it aggregates,
# through up to four levels of aggregation (the built-in admin, edit and
# view chain has three).
effective_rules(role) := [rule |
	some name in aggregates_from(role.name)
	some i in role_table[["ClusterRole", "", name]]
	some rule in roles[i].rules
] if {
	role.kind == "ClusterRole"
} else := role.rules

# aggregates_from is the ClusterRole's name and the names of the
# ClusterRoles it aggregates, level by level (graph.reachable is slow on
# graphs with cycles, which selectors make easily).
aggregates_from(name) := step(step(step(step({name}))))

step(names) := names | {a |
	some n in names
	some a in object.get(aggregation_edges, n, set())
}

# aggregation_edges link each aggregating ClusterRole to the ClusterRoles
# its selectors match.
aggregation_edges := {name: aggregated(name) |
	some name in {r.name |
		some r in roles
		r.kind == "ClusterRole"
		count(object.get(r, "aggregationRule", {})) > 0
	}
}

aggregated(name) := {a.name |
	some i in role_table[["ClusterRole", "", name]]
	some sel in roles[i].aggregationRule.clusterRoleSelectors
	some j in selector_candidates(sel)
	a := roles[j]
	a.kind == "ClusterRole"
	a.name != name
	selects(sel, object.get(a, "labels", {}))
}

# selector_candidates are the indices of the roles a selector may select:
# those with one of its matchLabels, when it has some, else every role.
selector_candidates(sel) := object.get(labelled, [[k, sel.matchLabels[k]]], set()) if {
	is_object(sel.matchLabels)
	k := min(object.keys(sel.matchLabels))
} else := numbers.range(0, count(roles) - 1)

# labelled are the indices of the ClusterRoles of each [label, value],
# grouped once (see role_table).
labelled := {pair: indices |
	some pair in {pair | some [_, pair] in role_labels}
	indices := {i | some [i, p] in role_labels; p == pair}
}

role_labels := [[i, [k, v]] |
	some i, r in roles
	r.kind == "ClusterRole"
	some k, v in object.get(r, "labels", {})
]

# selects holds when a label selector with at least one requirement matches
# labels (matchLabels, and matchExpressions with In, NotIn, Exists,
# DoesNotExist).
selects(sel, labels) if {
	is_object(sel)
	count(object.get(sel, "matchLabels", {})) + count(object.get(sel, "matchExpressions", [])) > 0
	every k, v in object.get(sel, "matchLabels", {}) {
		labels[k] == v
	}
	every e in object.get(sel, "matchExpressions", []) {
		expression(e, labels)
	}
}

expression(e, labels) if {
	e.operator == "In"
	labels[e.key] in e.values
}

expression(e, labels) if {
	e.operator == "NotIn"
	not labels[e.key] in e.values
}

expression(e, labels) if {
	e.operator == "Exists"
	labels[e.key]
}

expression(e, labels) if {
	e.operator == "DoesNotExist"
	not labels[e.key]
}

# grant is what a binding grants, when it is privileged: the name of a
# well-known built-in role not in the set, or the first privileged rule of
# the role it refers to.
grant(b) := sprintf("%s %q (%s)", [b.roleRef.kind, b.roleRef.name, builtin_privileged[b.roleRef.name]]) if {
	not role_of(b)
	b.roleRef.kind == "ClusterRole"
	builtin_privileged[b.roleRef.name]
} else := sprintf("%s %q (every verb on every resource)", [b.roleRef.kind, b.roleRef.name]) if {
	some rule in effective_rules(role_of(b))
	all_powerful(rule)
} else := sprintf("%s %q (%s)", [b.roleRef.kind, b.roleRef.name, texts[0]]) if {
	texts := [privileged_text(rule) |
		some rule in effective_rules(role_of(b))
		privileged(rule)
	]
	count(texts) > 0
}

# cluster_admin holds when the binding grants every verb on every resource.
cluster_admin(b) if {
	not role_of(b)
	b.roleRef.kind == "ClusterRole"
	b.roleRef.name == "cluster-admin"
}

cluster_admin(b) if {
	some rule in effective_rules(role_of(b))
	all_powerful(rule)
}

privileged_text(rule) := "reads secrets" if {
	grants(rule, {""}, ["secrets"], read_verbs)
} else := "execs into pods" if {
	grants(rule, {""}, ["pods/exec", "pods/attach"], stream_verbs)
} else := "reaches the kubelet through nodes/proxy" if {
	grants(rule, {""}, ["nodes/proxy"], {"get", "create"})
} else := "creates workloads" if {
	some group, resources in workload_resources
	grants(rule, {group}, resources, {"create", "update", "patch"})
} else := "can escalate, bind or impersonate"

# scope says where a binding's grant applies.
scope(b) := sprintf("in namespace %q", [b.namespace]) if {
	b.kind == "RoleBinding"
} else := "in every namespace"

# subject_text names a subject: ServiceAccount "shop/default", Group "system:authenticated".
subject_text(s, b) := sprintf("ServiceAccount %q", [concat("/", [ns, s.name])]) if {
	s.kind == "ServiceAccount"
	ns := object.get(s, "namespace", b.namespace)
	is_string(ns)
	ns != ""
	is_string(s.name)
} else := sprintf("%s %q", [s.kind, s.name])

# at is a manifests result at the range of the summary object o.
at(msg, o, r) := {"msg": msg, "range": r, "file": o.file, "document": o.document, "object_path": o.object_path}

# --- a Role or ClusterRole as one Kubernetes object ------------------------------

# object_rules are the [index, rule] pairs of the Role or ClusterRole being linted.
object_rules contains [i, rule] if {
	input.kind in {"Role", "ClusterRole"}
	is_string(input.apiVersion)
	startswith(input.apiVersion, "rbac.authorization.k8s.io/")
	some i, rule in input.object.rules
	is_object(rule)
}

# object_resources maps each item of the resources of the unscoped rules of
# the Role being linted to the [rule index, item index] pairs holding it:
# worked out once for the object, so that the rules look the resources
# they want up instead of trying every rule with the functions above.
object_resources := {r: pairs |
	some r in {r | some [_, r] in resource_items}
	pairs := {pair | some [pair, item] in resource_items; item == r}
}

# resource_items are the [[rule index, item index], item] of the string
# items of the resources of the unscoped rules of the Role being linted.
resource_items := [[[i, j], r] |
	some [i, rule] in object_rules
	not scoped(rule)
	some j, r in list(rule, "resources")
	is_string(r)
]

# star_items are the resource_items naming a subresource of every resource
# ("*/exec").
star_items := [item |
	some item in resource_items
	startswith(item[1], "*/")
]

# naming maps each unscoped rule of the Role being linted that grants one
# of verbs on one of groups and names one of resources (the rules for which
# names holds) to the indices of its resources items naming them (its
# resource_indices).
naming(groups, resources, verbs) := by_rule if {
	pairs := {[i, j] |
		some want in resources
		some [i, j] in object.get(object_resources, want, set())
		allows(input.object.rules[i], groups, verbs)
	} | {[i, j] |
		some [[i, j], r] in star_items
		some want in resources
		r == concat("", ["*/", split(want, "/")[1]])
		allows(input.object.rules[i], groups, verbs)
	}
	by_rule := {i: js |
		some [i, _] in pairs
		js := {j | some [k, j] in pairs; k == i}
	}
}

# allows holds when the rule grants one of verbs on one of groups.
allows(rule, groups, verbs) if {
	group_matches(rule, groups)
	some v in list(rule, "verbs")
	granted(v, verbs)
}

# role_text names the role being linted: ClusterRole "ops".
role_text := sprintf("%s %q", [input.kind, input.name])

# rule_path is the path of an item of a rule's field.
rule_path(i, key, j) := array.concat(input.object_path, ["rules", i, key, j])
