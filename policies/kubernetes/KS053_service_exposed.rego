# METADATA
# title: Services exposed outside the cluster should be restricted
# description: |
#   A Service of type NodePort opens its port on every node, to whatever
#   can reach the nodes; a Service of type LoadBalancer without
#   spec.loadBalancerSourceRanges (or the
#   service.beta.kubernetes.io/load-balancer-source-ranges annotation)
#   accepts connections from any address. Load balancers marked internal
#   with their cloud provider's annotation (AWS, Azure, Google Cloud,
#   Oracle, Alibaba) are not reported.
# custom:
#   id: KS053
#   name: service-exposed
#   severity: info
#   input: kubernetes
#   remediation: Expose HTTP services through an Ingress or Gateway; for a LoadBalancer set loadBalancerSourceRanges to the networks that need it, or make it internal.
#   why: |
#     Services exposed by accident are how admin consoles, databases and
#     metrics endpoints end up on the internet.
#   bad: |
#     kind: Service
#     spec:
#       type: LoadBalancer
#   good: |
#     kind: Service
#     spec:
#       type: LoadBalancer
#       loadBalancerSourceRanges: ["203.0.113.0/24"]
#   references:
#     - https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
#     - https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#preserving-the-client-source-ip
package rules.kubernetes.KS053

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(msg, k8s.object_path(["spec", "type"])) if {
	input.kind == "Service"
	input.object.spec.type == "NodePort"
	msg := sprintf("Service %q is of type NodePort, which opens its port on every node: use an Ingress, or a ClusterIP Service", [input.name])
}

deny contains result.at_path(msg, k8s.object_path(["spec", "type"])) if {
	input.kind == "Service"
	input.object.spec.type == "LoadBalancer"
	not restricted
	not internal_lb
	msg := sprintf("Service %q is a LoadBalancer open to any address: set loadBalancerSourceRanges, or make it internal", [input.name])
}

restricted if count(input.object.spec.loadBalancerSourceRanges) > 0

restricted if input.object.metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"] != ""

internal_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"networking.gke.io/load-balancer-type": {"Internal"},
	"cloud.google.com/load-balancer-type": {"Internal", "internal"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": {"intranet"},
}

internal_lb if {
	some key, values in internal_annotations
	input.object.metadata.annotations[key] in values
}
