package rules.kubernetes.KS046_test

import data.lib.rbac_test as t
import data.rules.kubernetes.KS046

test_escalation_verbs_denied_at_the_verb if {
	got := KS046.deny with input as t.object_input("ClusterRole", "rbac-manager", [t.rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["get", "bind", "escalate"])])
	{[f.path, f.msg] | some f in got} == {
		[["rules", 0, "verbs", 1], `ClusterRole "rbac-manager" lets its subjects bind: bind roles with permissions it does not hold: remove it, or limit it with resourceNames`],
		[["rules", 0, "verbs", 2], `ClusterRole "rbac-manager" lets its subjects escalate: create or update roles with permissions it does not hold: remove it, or limit it with resourceNames`],
	}
}

test_impersonate_denied if {
	count(KS046.deny) == 1 with input as t.object_input("ClusterRole", "r", [t.rule([""], ["users", "groups", "serviceaccounts"], ["impersonate"])])
}

test_resource_grants_denied_at_resource if {
	every c in [
		[t.rule([""], ["serviceaccounts", "serviceaccounts/token"], ["create"]), 1],
		[t.rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["update"]), 0],
		[t.rule([""], ["nodes/proxy"], ["get"]), 0],
		[t.rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], ["get", "delete"]), 0],
		[t.rule(["*"], ["nodes/proxy"], ["*"]), 0],
	] {
		[rule, index] := c
		{f.path | some f in KS046.deny} >= {["rules", 0, "resources", index]} with input as t.object_input("ClusterRole", "r", [rule])
	}
}

test_harmless_and_narrowed_rules_allowed if {
	every rule in [
		object.union(t.rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"]), {"resourceNames": ["tenant-viewer"]}),
		t.rule([""], ["serviceaccounts/token"], ["get"]),
		t.rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get"]),
		t.rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["get", "list", "watch"]),
		t.rule([""], ["nodes", "nodes/stats"], ["get"]),
		t.rule(["apps"], ["nodes/proxy"], ["get"]),
		t.rule(["*"], ["*"], ["*"]),
	] {
		count(KS046.deny) == 0 with input as t.object_input("ClusterRole", "r", [rule])
	}
}
