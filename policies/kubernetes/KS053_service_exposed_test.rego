package rules.kubernetes.KS053_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS053

service(annotations, spec) := object.union(
	t.plain_input("v1", "Service", {"name": "web", "namespace": "shop"}),
	{"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "annotations": annotations}, "spec": spec}},
)

test_node_port_reported if {
	got := KS053.deny with input as service({}, {"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}]})
	got == {{
		"msg": `Service "web" is of type NodePort, which opens its port on every node: use an Ingress, or a ClusterIP Service`,
		"path": ["spec", "type"],
	}}
}

test_open_load_balancer_reported if {
	{f.msg | some f in KS053.deny} == {`Service "web" is a LoadBalancer open to any address: set loadBalancerSourceRanges, or make it internal`} with input as service({}, {"type": "LoadBalancer"})
}

test_restricted_or_internal_load_balancers_allowed if {
	count(KS053.deny) == 0 with input as service({}, {"type": "LoadBalancer", "loadBalancerSourceRanges": ["203.0.113.0/24"]})
	count(KS053.deny) == 0 with input as service({"service.beta.kubernetes.io/load-balancer-source-ranges": "10.0.0.0/8"}, {"type": "LoadBalancer"})
	every ann in [
		{"service.beta.kubernetes.io/aws-load-balancer-internal": "true"},
		{"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"},
		{"service.beta.kubernetes.io/azure-load-balancer-internal": "true"},
		{"networking.gke.io/load-balancer-type": "Internal"},
	] {
		count(KS053.deny) == 0 with input as service(ann, {"type": "LoadBalancer"})
	}
	count(KS053.deny) == 1 with input as service({"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"}, {"type": "LoadBalancer"})
}

test_cluster_ip_allowed if {
	count(KS053.deny) == 0 with input as service({}, {"ports": [{"port": 80}]})
	count(KS053.deny) == 0 with input as service({}, {"type": "ClusterIP"})
}
