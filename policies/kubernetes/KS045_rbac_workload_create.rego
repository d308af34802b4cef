# METADATA
# title: RBAC rules that create pods grant the pods' privileges
# description: |
#   A rule of a Role or ClusterRole grants create, update or patch (or "*")
#   on pods, pods/ephemeralcontainers, or a controller that creates pods
#   (Deployments, DaemonSets, StatefulSets, ReplicaSets, Jobs, CronJobs,
#   ReplicationControllers, PodTemplates) in its API group, without naming
#   them in resourceNames. Whoever can start a pod in a namespace can run it
#   as any service account of the namespace and mount any of its secrets.
#   Expected for CI deployers and operators: review who is bound to it.
# custom:
#   id: KS045
#   name: rbac-workload-create
#   severity: warning
#   input: kubernetes
#   remediation: Keep workload creation for the deployment pipeline or the operator that needs it, in the namespaces it manages, and enforce Pod Security Admission there.
#   why: |
#     A pod can mount every Secret and run as every ServiceAccount of its
#     namespace, and, where Pod Security Admission does not stop it, run
#     privileged on a node: creating pods is as strong as the strongest of
#     those.
#   bad: |
#     rules:
#       - apiGroups: ["apps"]
#         resources: ["deployments"]
#         verbs: ["create", "update", "patch"]
#   good: |
#     rules:
#       - apiGroups: ["apps"]
#         resources: ["deployments"]
#         verbs: ["get", "list", "watch"]
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
package rules.kubernetes.KS045

import data.lib.rbac
import data.lib.result

resources := object.union(rbac.workload_resources, {"": array.concat(rbac.workload_resources[""], ["pods/ephemeralcontainers"])})

write := {"create", "update", "patch"}

deny contains result.at_path(msg, rbac.rule_path(i, "resources", j)) if {
	input.kind in {"Role", "ClusterRole"} # first, so that OPA's rule index skips other kinds
	some group, names in resources
	some i, js in rbac.naming({group}, names, write)
	some j in js
	rule := input.object.rules[i]
	verbs := sort([v | some k in rbac.verb_indices(rule, write); v := rule.verbs[k]])
	msg := sprintf("%s lets its subjects %s %s, and so run pods with any service account and secret of the namespace", [rbac.role_text, concat("/", verbs), rule.resources[j]])
}
