# METADATA
# title: Pods must set only safe sysctls
# description: |
#   The pod's securityContext.sysctls sets a kernel parameter outside the
#   safe set of the baseline Pod Security Standard for the target Kubernetes
#   version (data.hardline.config.kube_version): kernel.shm_rmid_forced,
#   net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
#   net.ipv4.ping_group_range and net.ipv4.ip_unprivileged_port_start; from
#   1.27 net.ipv4.ip_local_reserved_ports; from 1.29 net.ipv4.tcp_keepalive_time,
#   tcp_fin_timeout, tcp_keepalive_intvl and tcp_keepalive_probes; from 1.32
#   net.ipv4.tcp_rmem and tcp_wmem; from 1.37 net.ipv4.tcp_slow_start_after_idle
#   and tcp_notsent_lowat.
# custom:
#   id: KS017
#   name: sysctls
#   severity: error
#   input: kubernetes
#   remediation: Remove the sysctl, or set it on the nodes instead of in the pod.
#   why: |
#     Only namespaced sysctls that are isolated between pods are safe; others
#     change the node's kernel for every workload on it, or turn off
#     protections such as address space randomisation.
#   bad: |
#     securityContext:
#       sysctls:
#         - name: kernel.msgmax
#           value: "65536"
#   good: |
#     securityContext:
#       sysctls:
#         - name: net.ipv4.ip_local_port_range
#           value: "1024 65535"
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
package rules.kubernetes.KS017

import data.lib.kubernetes as k8s
import data.lib.result

# safe maps each safe sysctl to the Kubernetes minor version that allows it.
safe := {
	"kernel.shm_rmid_forced": 0,
	"net.ipv4.ip_local_port_range": 0,
	"net.ipv4.tcp_syncookies": 0,
	"net.ipv4.ping_group_range": 0,
	"net.ipv4.ip_unprivileged_port_start": 0,
	"net.ipv4.ip_local_reserved_ports": 27,
	"net.ipv4.tcp_keepalive_time": 29,
	"net.ipv4.tcp_fin_timeout": 29,
	"net.ipv4.tcp_keepalive_intvl": 29,
	"net.ipv4.tcp_keepalive_probes": 29,
	"net.ipv4.tcp_rmem": 32,
	"net.ipv4.tcp_wmem": 32,
	"net.ipv4.tcp_slow_start_after_idle": 37,
	"net.ipv4.tcp_notsent_lowat": 37,
}

deny contains result.at_path(
	sprintf("pod sets sysctl %q, which is not in the safe set%s: remove it", [sysctl.name, since(sysctl.name)]),
	k8s.field_path(pod, ["securityContext", "sysctls", i, "name"]),
) if {
	some pod in input.pods
	some i, sysctl in pod.spec.securityContext.sysctls
	not allowed(sysctl.name)
}

allowed(name) if k8s.at_least(safe[name])

since(name) := sprintf(" of kubernetes %s (it is from 1.%d)", [k8s.kube_version, safe[name]]) if {
	safe[name]
} else := ""
