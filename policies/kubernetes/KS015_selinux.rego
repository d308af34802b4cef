# METADATA
# title: Pods must not set custom SELinux options
# description: |
#   The pod or a container sets seLinuxOptions.type to something other than
#   container_t, container_init_t, container_kvm_t or (from 1.31)
#   container_engine_t, or sets seLinuxOptions.user or role. This is the
#   SELinux control of the baseline Pod Security Standard. The level (MCS
#   categories) may be set.
# custom:
#   id: KS015
#   name: selinux
#   severity: error
#   input: kubernetes
#   remediation: Remove seLinuxOptions.user and role, and leave type unset or use one of the container types.
#   why: |
#     The SELinux type, user and role decide what a container's processes may
#     touch on the node. A custom type such as spc_t (super-privileged
#     container) or unconfined_t disables SELinux confinement.
#   bad: |
#     securityContext:
#       seLinuxOptions:
#         type: spc_t
#   good: |
#     securityContext:
#       seLinuxOptions:
#         level: "s0:c123,c456"
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
package rules.kubernetes.KS015

import data.lib.kubernetes as k8s
import data.lib.result

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t"} if {
	not k8s.at_least(31)
} else := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# setters: the pod and every container, with a name and the path of their seLinuxOptions.
setters contains ["pod", opts, k8s.field_path(pod, ["securityContext", "seLinuxOptions"])] if {
	some pod in input.pods
	opts := pod.spec.securityContext.seLinuxOptions
	is_object(opts)
}

setters contains [k8s.describe(c), opts, k8s.field_path(c, ["securityContext", "seLinuxOptions"])] if {
	some pod in input.pods
	some c in pod.containers
	opts := c.spec.securityContext.seLinuxOptions
	is_object(opts)
}

deny contains result.at_path(
	sprintf("%s sets SELinux type %q: leave it unset or use container_t", [who, opts.type]),
	array.concat(path, ["type"]),
) if {
	some [who, opts, path] in setters
	k8s.has(opts, "type")
	not opts.type in allowed_types
}

deny contains result.at_path(
	sprintf("%s sets a custom SELinux %s: remove seLinuxOptions.%s", [who, field, field]),
	array.concat(path, [field]),
) if {
	some [who, opts, path] in setters
	some field in ["user", "role"]
	k8s.has(opts, field)
	opts[field] != ""
}
