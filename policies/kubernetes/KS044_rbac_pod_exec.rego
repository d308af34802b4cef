# METADATA
# title: RBAC rules should not let subjects exec into, attach to or port-forward to pods
# description: |
#   A rule of a Role or ClusterRole grants create (or "*") on pods/exec,
#   pods/attach or pods/portforward (or "*/exec"...), in the core API
#   group, without naming the pods in resourceNames. When the target
#   Kubernetes version (--kube-version) is older than 1.35, get is reported
#   too: the WebSocket protocol, which client libraries and recent kubectl
#   versions use, opens these streams with a GET, which API servers before
#   1.35 authorize as get on the subresource (from 1.35 they check create
#   as well, the AuthorizePodWebsocketUpgradeCreatePermission feature gate).
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
#     - https://github.com/kubernetes/kubernetes/pull/134577
package rules.kubernetes.KS044

import data.lib.rbac
import data.lib.result

subresources := {
	"pods/exec": "exec into its pods",
	"pods/attach": "attach to its pods",
	"pods/portforward": "port-forward to its pods",
}

deny contains result.at_path(msg, rbac.rule_path(i, "resources", j)) if {
	input.kind in {"Role", "ClusterRole"} # first, so that OPA's rule index skips other kinds
	some sub, what in subresources
	some i, js in rbac.naming({""}, [sub], rbac.stream_verbs)
	j := min(js)
	msg := sprintf("%s lets its subjects %s (%s): remove it, or grant it only to those who debug", [rbac.role_text, what, sub])
}
