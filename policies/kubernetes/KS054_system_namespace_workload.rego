# METADATA
# title: Workloads should not run in kube-system or kube-public
# description: |
#   An object that runs pods (Pod, Deployment, DaemonSet, StatefulSet, Job,
#   CronJob...) is in the kube-system or kube-public namespace, and is not
#   a known system component by its name or its k8s-app label: DNS,
#   kube-proxy, metrics-server, cluster-autoscaler, CNI plugins (Calico,
#   Cilium, Flannel, Weave, AWS VPC CNI, Azure CNI, Antrea), CSI drivers,
#   cloud controller managers, konnectivity, node-local DNS, the
#   static control-plane pods (etcd, kube-apiserver,
#   kube-controller-manager, kube-scheduler).
# custom:
#   id: KS054
#   name: system-namespace-workload
#   severity: warning
#   input: kubernetes
#   remediation: Run the workload in a namespace of its own, with its own service accounts, quotas, NetworkPolicies and Pod Security level.
#   why: |
#     kube-system holds the cluster's most privileged service accounts and
#     secrets, and is usually exempt from Pod Security Admission and
#     policy engines: an application there inherits those exemptions and is
#     one mistake away from the control plane's credentials.
#   bad: |
#     kind: Deployment
#     metadata:
#       name: web
#       namespace: kube-system
#   good: |
#     kind: Deployment
#     metadata:
#       name: web
#       namespace: shop
#   references:
#     - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces
#     - https://kubernetes.io/docs/concepts/security/multi-tenancy/#namespaces
package rules.kubernetes.KS054

import data.lib.kubernetes as k8s
import data.lib.result

system_namespaces := {"kube-system", "kube-public"}

deny contains result.at_path(msg, k8s.object_path(["metadata", "namespace"])) if {
	count(input.pods) > 0
	input.namespace in system_namespaces
	not known_component
	msg := sprintf("%s %q runs in namespace %s, which is for cluster components: move it to a namespace of its own", [input.kind, input.name, input.namespace])
}

# Prefixes of the names (and k8s-app labels) of common cluster components.
component_prefixes := {
	"coredns", "kube-dns", "node-local-dns", "nodelocaldns", "kube-proxy", "metrics-server",
	"cluster-autoscaler", "calico", "cilium", "flannel", "kube-flannel", "weave-net", "canal",
	"aws-node", "aws-load-balancer-controller", "ebs-csi", "efs-csi", "fsx-csi", "azure-cns",
	"azure-cni", "azure-ip-masq", "cloud-node-manager", "csi-azure", "csi-", "gke-", "pdcsi",
	"antrea", "konnectivity", "cloud-controller-manager", "etcd", "kube-apiserver",
	"kube-controller-manager", "kube-scheduler", "kube-state-metrics", "ip-masq-agent",
	"vpa-", "dns-autoscaler", "kube-vip", "tigera", "secrets-store-csi", "snapshot-controller",
	"karpenter", "eks-pod-identity-agent", "fluentbit-gke", "event-exporter",
	"ingress-nginx", "sealed-secrets", "tiller",
}

known_component if {
	some prefix in component_prefixes
	startswith(input.name, prefix)
}

known_component if {
	some pod in input.pods
	app := pod.metadata.labels["k8s-app"]
	is_string(app)
	some prefix in component_prefixes
	startswith(app, prefix)
}
