package rules.kubernetes.KS022_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS022

label := "pod-security.kubernetes.io/enforce"

namespace(labels) := t.plain_input("v1", "Namespace", {"name": "shop", "labels": labels})

test_no_label_denied_with_fix if {
	got := KS022.deny with input as t.plain_input("v1", "Namespace", {"name": "shop"})
	count(got) == 1
	some f in got
	f.msg == `namespace "shop" enforces no pod security standard: label it pod-security.kubernetes.io/enforce: restricted`
	f.path == ["metadata", "labels", label]
	f.fix.edits == [{"op": "set", "path": f.path, "value": "restricted"}]
}

test_only_warn_or_audit_denied if {
	count(KS022.deny) == 1 with input as namespace({"pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "restricted"})
}

test_invalid_level_denied if {
	got := KS022.deny with input as namespace({label: "strict"})
	{f.msg | some f in got} == {`namespace "shop" has an invalid pod-security.kubernetes.io/enforce label "strict": use restricted, baseline or privileged`}
}

test_every_level_allowed if {
	every level in ["restricted", "baseline", "privileged"] {
		count(KS022.deny) == 0 with input as namespace({label: level})
	}
}

test_other_kinds_ignored if {
	count(KS022.deny) == 0 with input as t.plain_input("v1", "ConfigMap", {"name": "shop"})
	count(KS022.deny) == 0 with input as t.pod_input(t.hardened_spec)
}

test_namespace_in_list if {
	obj := object.union(t.plain_input("v1", "Namespace", {"name": "shop"}), {"object_path": ["items", 0]})
	got := KS022.deny with input as obj
	{f.path | some f in got} == {["items", 0, "metadata", "labels", label]}
}

test_system_namespaces_get_no_fix if {
	every name in ["kube-system", "kube-public", "kube-node-lease"] {
		got := KS022.deny with input as t.plain_input("v1", "Namespace", {"name": name})
		count(got) == 1
		every f in got {
			not f.fix
			contains(f.msg, "system namespace")
		}
	}
}
