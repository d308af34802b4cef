# METADATA
# title: Services should not set externalIPs
# description: |
#   A Service sets spec.externalIPs. kube-proxy then sends traffic for
#   those addresses, from anywhere in the cluster, to the Service's pods:
#   whoever can create such a Service can take over traffic meant for any
#   IP address (CVE-2020-8554), which is why clusters should deny the field
#   with the DenyServiceExternalIPs admission plugin or a policy.
# custom:
#   id: KS051
#   name: service-external-ips
#   severity: warning
#   input: kubernetes
#   remediation: Use a LoadBalancer Service or an Ingress or Gateway to receive outside traffic, and deny externalIPs cluster-wide (DenyServiceExternalIPs).
#   why: |
#     A Service with externalIPs intercepts connections from pods to those
#     addresses, external ones included: a man-in-the-middle any tenant
#     with Service create rights can set up.
#   bad: |
#     kind: Service
#     spec:
#       externalIPs: ["203.0.113.10"]
#   good: |
#     kind: Service
#     spec:
#       type: LoadBalancer
#   references:
#     - https://github.com/kubernetes/kubernetes/issues/97076
#     - https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
#     - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips
package rules.kubernetes.KS051

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(msg, k8s.object_path(["spec", "externalIPs"])) if {
	input.kind == "Service"
	ips := input.object.spec.externalIPs
	is_array(ips)
	count(ips) > 0
	msg := sprintf("Service %q sets externalIPs, which lets it intercept traffic to those addresses (CVE-2020-8554): use a LoadBalancer or an Ingress", [input.name])
}
