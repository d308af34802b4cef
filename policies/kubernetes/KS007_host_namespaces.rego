# METADATA
# title: Pods must not share the host's namespaces
# description: |
#   hostNetwork, hostPID or hostIPC is true: the pod shares the node's network
#   stack, process table or IPC objects. The baseline Pod Security Standard
#   forbids all three.
# custom:
#   id: KS007
#   name: host-namespaces
#   severity: error
#   security_severity: 9.0
#   input: kubernetes
#   remediation: Remove hostNetwork, hostPID and hostIPC (or set them to false); expose ports through a Service instead of the host network.
#   why: |
#     With hostPID a container sees and can signal or ptrace every process on
#     the node; with hostNetwork it can bind the node's ports, reach services
#     listening on localhost and bypass NetworkPolicies; with hostIPC it can
#     read other workloads' shared memory.
#   bad: |
#     spec:
#       hostNetwork: true
#       hostPID: true
#   good: |
#     spec:
#       hostNetwork: false
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
package rules.kubernetes.KS007

namespaces := {
	"hostNetwork": "network",
	"hostPID": "process (PID)",
	"hostIPC": "IPC",
}

deny contains {
	"msg": sprintf("pod shares the host's %s namespace (%s: true): remove it", [what, field]),
	"path": array.concat(pod.path, [field]),
} if {
	some pod in input.pods
	some field, what in namespaces
	pod.spec[field] == true
}
