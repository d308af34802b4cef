# METADATA
# title: RBAC rules should not let subjects exec into, attach to or port-forward to pods
# description: |
#   A rule of a Role or ClusterRole grants create or get (or "*") on
#   pods/exec, pods/attach or pods/portforward (or "*/exec"...), in the core
#   API group, without naming the pods in resourceNames. kubectl opens these
#   with a POST (create); the WebSocket protocol that clients and kubectl
#   1.31+ use opens them with a GET, which clusters authorize as get on
#   the subresource unless their API server requires create for it
#   (the AuthorizePodWebsocketUpgradeCreatePermission feature gate, enabled
#   by default from Kubernetes 1.35): get is reported too.
# custom:
#   id: KS044
#   name: rbac-pod-exec
#   severity: warning
#   input: kubernetes
#   remediation: Drop the subresource from the role; grant it only to the people who debug the workloads, for the time they need it, preferably through an ephemeral-container or break-glass process.
#   why: |
#     exec runs any command in a container, with the pod's service account
#     token, mounted secrets and network access; attach reaches the main
#     process's stdin, and port-forward reaches ports no Service exposes.
#   bad: |
#     rules:
#       - apiGroups: [""]
#         resources: ["pods/exec"]
#         verbs: ["create", "get"]
#   good: |
#     rules:
#       - apiGroups: [""]
#         resources: ["pods", "pods/log"]
#         verbs: ["get", "list"]
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
#     - https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
#     - https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/4006-transition-spdy-to-websockets
package rules.kubernetes.KS044

import data.lib.rbac
import data.lib.result

subresources := {
	"pods/exec": "exec into its pods",
	"pods/attach": "attach to its pods",
	"pods/portforward": "port-forward to its pods",
}

deny contains result.at_path(msg, rbac.rule_path(i, "resources", j)) if {
	some [i, rule] in rbac.object_rules
	some sub, what in subresources
	rbac.names(rule, {""}, [sub], {"create", "get"})
	j := min(rbac.resource_indices(rule, [sub]))
	msg := sprintf("%s lets its subjects %s (%s): remove it, or grant it only to those who debug", [rbac.role_text, what, sub])
}
