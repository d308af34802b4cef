package rules.kubernetes.KS051_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS051

service(spec) := object.union(
	t.plain_input("v1", "Service", {"name": "web", "namespace": "shop"}),
	{"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": spec}},
)

test_external_ips_denied if {
	got := KS051.deny with input as service({"ports": [{"port": 80}], "externalIPs": ["203.0.113.10"]})
	got == {{
		"msg": `Service "web" sets externalIPs, which lets it intercept traffic to those addresses (CVE-2020-8554): use a LoadBalancer or an Ingress`,
		"path": ["spec", "externalIPs"],
	}}
}

test_without_external_ips_allowed if {
	count(KS051.deny) == 0 with input as service({"ports": [{"port": 80}]})
	count(KS051.deny) == 0 with input as service({"externalIPs": []})
	count(KS051.deny) == 0 with input as service({"type": "LoadBalancer"})
}
