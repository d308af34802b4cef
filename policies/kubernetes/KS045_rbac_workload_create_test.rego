package rules.kubernetes.KS045_test

import data.lib.rbac_test as t
import data.rules.kubernetes.KS045

test_deployment_create_denied_at_resource if {
	got := KS045.deny with input as t.object_input("ClusterRole", "deployer", [t.rule(["apps"], ["replicasets", "deployments"], ["get", "patch", "create"])])
	{[f.path, f.msg] | some f in got} == {
		[["rules", 0, "resources", 0], `ClusterRole "deployer" lets its subjects create/patch replicasets, and so run pods with any service account and secret of the namespace`],
		[["rules", 0, "resources", 1], `ClusterRole "deployer" lets its subjects create/patch deployments, and so run pods with any service account and secret of the namespace`],
	}
}

test_workload_kinds_in_their_groups if {
	every c in [["", "pods"], ["", "pods/ephemeralcontainers"], ["", "replicationcontrollers"], ["batch", "cronjobs"], ["batch", "jobs"], ["apps", "daemonsets"], ["apps", "statefulsets"], ["*", "deployments"]] {
		[group, resource] := c
		count(KS045.deny) == 1 with input as t.object_input("Role", "r", [t.rule([group], [resource], ["*"])])
	}
}

test_reads_other_groups_and_names_allowed if {
	every rule in [
		t.rule(["apps"], ["deployments"], ["get", "list", "watch", "delete"]),
		t.rule([""], ["deployments"], ["create"]),
		t.rule(["batch"], ["pods"], ["create"]),
		object.union(t.rule(["apps"], ["deployments"], ["patch"]), {"resourceNames": ["web"]}),
		t.rule(["apps"], ["deployments/scale"], ["update"]),
	] {
		count(KS045.deny) == 0 with input as t.object_input("Role", "r", [rule])
	}
}
