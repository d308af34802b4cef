# METADATA
# title: Namespaces with workloads should have a default-deny NetworkPolicy
# description: |
#   A namespace that holds workloads in the linted manifests has no
#   NetworkPolicy (networking.k8s.io/v1) that selects every pod
#   (podSelector: {}) and isolates both ingress and egress without a rule that
#   allows everything. policyTypes follows Kubernetes' defaulting: when it is
#   absent, a policy covers Ingress, and Egress too if it has egress rules.
#   Separate default-deny policies for ingress and for egress count, and a
#   policy that allows all traffic to every pod in a direction cancels the
#   deny for that direction. Policies of other network plugins (Calico,
#   Cilium) are not read. One finding per namespace, at its first workload.
# custom:
#   id: KS020
#   name: namespace-without-default-deny
#   severity: warning
#   input: manifests
#   objects:
#     - pods
#     - NetworkPolicy
#   remediation: Add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] to the namespace, then allow the traffic each workload needs (including DNS).
#   why: |
#     Without a NetworkPolicy selecting a pod, Kubernetes lets every pod talk
#     to it and lets it talk to anything: one compromised pod can reach every
#     database and internal API in the cluster, and send data out.
#   bad: |
#     kind: Deployment
#     metadata:
#       name: web
#       namespace: shop
#   good: |
#     apiVersion: networking.k8s.io/v1
#     kind: NetworkPolicy
#     metadata:
#       name: default-deny-all
#       namespace: shop
#     spec:
#       podSelector: {}
#       policyTypes: [Ingress, Egress]
#   fix: display
#   fix_reason: the policy must be added as a new object, and traffic the workloads need must then be allowed explicitly
#   references:
#     - https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
package rules.manifests.KS020

import data.lib.result

directions := ["Ingress", "Egress"]

rule_keys := {"Ingress": ["ingress", "from"], "Egress": ["egress", "to"]}

deny contains finding(ns, missing) if {
	some ns, _ in first_workload
	missing := [dir | some dir in directions; not denied(ns, dir)]
	count(missing) > 0
}

finding(ns, missing) := object.union(
	result.with_fix(result.at(message(ns, missing), w), {
		"title": fix_title(ns),
		"display": policy_yaml(ns, missing),
	}),
	{"file": w.file, "document": w.document, "object_path": w.object_path},
) if {
	w := input.objects[first_workload[ns]]
}

# first_workload is the index of the first object with pods of each
# namespace. The comprehension compares with a namespace bound outside it,
# which OPA answers from an index built once for the table (a lookup per
# namespace would read every object for each).
first_workload := {ns: min(indices) |
	some ns in {o.namespace | some o in input.objects; o.has_pods}
	indices := {i | some i, o in input.objects; o.has_pods; o.namespace == ns}
}

message(ns, missing) := sprintf("%s %s no default-deny NetworkPolicy for %s%s: add one with podSelector: {}", [
	subject(ns),
	verb(ns),
	concat(" and ", [lower(d) | some d in missing]),
	opened_text(ns, missing),
])

# Objects without a namespace go to the namespace of the kubectl context,
# whichever it is: they are one group, named as such.
subject("") := "objects without a namespace (deployed to the namespace of the kubectl context)"

subject(ns) := sprintf("namespace %q", [ns]) if ns != ""

verb("") := "have"

verb(ns) := "has" if ns != ""

fix_title("") := "Add a default-deny NetworkPolicy beside the objects without a namespace"

fix_title(ns) := sprintf("Add a default-deny NetworkPolicy to namespace %s", [ns]) if ns != ""

opened_text(ns, missing) := sprintf(" (%s)", [concat("; ", notes)]) if {
	notes := [sprintf("NetworkPolicy %q allows all %s", [p.name, lower(dir)]) |
		some dir in missing
		some p in policies(ns)
		selects_all(p)
		dir in policy_types(p)
		allows_all(p, dir)
	]
	count(notes) > 0
} else := ""

# A direction is denied by default when a policy selecting every pod covers it
# without allowing everything, and no policy selecting every pod allows
# everything in that direction.
denied(ns, dir) if {
	some p in policies(ns)
	selects_all(p)
	dir in policy_types(p)
	not allows_all(p, dir)
	not opened(ns, dir)
}

opened(ns, dir) if {
	some p in policies(ns)
	selects_all(p)
	dir in policy_types(p)
	allows_all(p, dir)
}

policies(ns) := object.get(policies_by_namespace, ns, [])

# policies_by_namespace are the NetworkPolicies of each namespace, grouped
# once (see first_workload).
policies_by_namespace := {ns: list |
	some ns in {o.namespace | some o in network_policies}
	list := [o | some o in network_policies; o.namespace == ns]
}

network_policies := [o |
	some o in input.objects
	o.kind == "NetworkPolicy"
	o.apiVersion in {"networking.k8s.io/v1", "extensions/v1beta1"}
]

spec(p) := s if {
	s := p.spec
	is_object(s)
} else := {}

selects_all(p) if empty_selector(object.get(spec(p), "podSelector", null))

empty_selector(null)

empty_selector(sel) if {
	is_object(sel)
	not non_empty(object.get(sel, "matchLabels", null))
	not non_empty(object.get(sel, "matchExpressions", null))
}

non_empty(x) if count(x) > 0

# policy_types: policyTypes as written, else Kubernetes' default.
policy_types(p) := {t | some t in spec(p).policyTypes} if {
	non_empty(spec(p).policyTypes)
} else := {"Ingress", "Egress"} if {
	non_empty(spec(p).egress)
} else := {"Ingress"}

# allows_all: the policy has a rule for the direction that allows any peer on
# any port.
allows_all(p, dir) if {
	[rules_key, peers_key] := rule_keys[dir]
	some rule in object.get(spec(p), rules_key, [])
	unrestricted(rule, peers_key)
}

unrestricted(rule, _) if rule == null

unrestricted(rule, peers_key) if {
	is_object(rule)
	not non_empty(object.get(rule, "ports", null))
	not non_empty(object.get(rule, peers_key, null))
}

unrestricted(rule, peers_key) if {
	is_object(rule)
	not non_empty(object.get(rule, "ports", null))
	some peer in rule[peers_key]
	peer.ipBlock.cidr in {"0.0.0.0/0", "::/0"}
	not non_empty(object.get(peer.ipBlock, "except", null))
}

policy_yaml(ns, missing) := concat("\n", array.concat(
	array.concat(
		[
			"# Denies all traffic the other policies of the namespace do not allow;",
			"# then allow what each workload needs (with egress, DNS to kube-dns too).",
			"apiVersion: networking.k8s.io/v1",
			"kind: NetworkPolicy",
			"metadata:",
			sprintf("  name: %s", [policy_name(missing)]),
		],
		namespace_line(ns),
	),
	array.concat(
		["spec:", "  podSelector: {}", "  policyTypes:"],
		array.concat([sprintf("    - %s", [d]) | some d in missing], [""]),
	),
))

namespace_line("") := []

namespace_line(ns) := [sprintf("  namespace: %s", [ns])] if ns != ""

policy_name(missing) := "default-deny-all" if {
	count(missing) == 2
} else := sprintf("default-deny-%s", [lower(missing[0])])
