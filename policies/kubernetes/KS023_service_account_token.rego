# METADATA
# title: Pods should not mount a service account token they do not need
# description: |
#   The pod spec does not set automountServiceAccountToken: false, so every
#   container gets a token for the pod's service account in
#   /var/run/secrets/kubernetes.io/serviceaccount (unless the ServiceAccount
#   itself opts out, which this rule cannot see). Not a Pod Security
#   Standards control.
# custom:
#   id: KS023
#   name: service-account-token
#   severity: info
#   input: kubernetes
#   remediation: Set automountServiceAccountToken to false in the pod spec, or on the ServiceAccount, for workloads that do not call the Kubernetes API.
#   why: |
#     Most applications never talk to the Kubernetes API. A mounted token
#     lets anyone who compromises the container act with the service
#     account's permissions, which are often broader than intended.
#   bad: |
#     spec:
#       containers:
#         - name: web
#           image: registry.example.com/web:1.4
#   good: |
#     spec:
#       automountServiceAccountToken: false
#       containers:
#         - name: web
#           image: registry.example.com/web:1.4
#   fix: unsafe
#   fix_reason: workloads that call the Kubernetes API (operators, controllers, CI runners) lose their credentials
#   references:
#     - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
package rules.kubernetes.KS023

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.with_fix(
	result.at_path(message(pod), path),
	{
		"title": "Do not mount the service account token",
		"edits": [{"op": "set", "path": path, "value": false}],
	},
) if {
	some pod in input.pods
	not pod.spec.automountServiceAccountToken == false
	path := k8s.field_path(pod, ["automountServiceAccountToken"])
}

message(pod) := "pod mounts its service account token (automountServiceAccountToken: true): set it to false unless the pod calls the kubernetes api" if {
	pod.spec.automountServiceAccountToken == true
} else := "pod mounts a service account token by default: set automountServiceAccountToken: false unless the pod calls the kubernetes api"
