package rules.kubernetes.KS054_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS054

in_namespace(name, ns, labels) := object.union(
	t.deployment_input_meta(t.hardened_spec, {"labels": labels}),
	{"name": name, "namespace": ns},
)

test_application_in_kube_system_denied if {
	got := KS054.deny with input as in_namespace("web", "kube-system", {"app": "web"})
	got == {{
		"msg": "Deployment \"web\" runs in namespace kube-system, which is for cluster components: move it to a namespace of its own",
		"path": ["metadata", "namespace"],
	}}
	count(KS054.deny) == 1 with input as in_namespace("web", "kube-public", {})
}

test_known_components_allowed if {
	every name in ["coredns", "kube-proxy", "metrics-server", "cluster-autoscaler", "aws-node", "cilium-operator", "ebs-csi-controller", "kube-apiserver-cp1"] {
		count(KS054.deny) == 0 with input as in_namespace(name, "kube-system", {})
	}
	count(KS054.deny) == 0 with input as in_namespace("dns", "kube-system", {"k8s-app": "kube-dns"})
}

test_other_namespaces_and_objects_allowed if {
	count(KS054.deny) == 0 with input as in_namespace("web", "shop", {})
	count(KS054.deny) == 0 with input as in_namespace("web", "default", {})
	count(KS054.deny) == 0 with input as object.union(t.plain_input("v1", "ConfigMap", {"name": "x", "namespace": "kube-system"}), {"namespace": "kube-system"})
}
