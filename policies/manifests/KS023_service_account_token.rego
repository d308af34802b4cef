# METADATA
# title: Pods should not mount a service account token they do not need
# description: |
#   The pod spec does not set automountServiceAccountToken: false, so every
#   container gets a token for the pod's service account in
#   /var/run/secrets/kubernetes.io/serviceaccount. A pod that leaves the
#   field unset is not reported when its ServiceAccount (serviceAccountName,
#   else "default", in the pod's namespace) is among the linted manifests
#   with automountServiceAccountToken: false. Not a Pod Security Standards
#   control.
# custom:
#   id: KS023
#   name: service-account-token
#   severity: info
#   input: manifests
#   objects:
#     - pods
#     - ServiceAccount
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
package rules.manifests.KS023

import data.lib.result

deny contains object.union(
	result.with_fix(
		result.at_path(message(pod), path),
		{
			"title": "Do not mount the service account token",
			"edits": [{"op": "set", "path": path, "value": false}],
		},
	),
	{"file": o.file, "document": o.document, "object_path": o.object_path},
) if {
	some o in input.objects
	some pod in o.pods
	not pod.automountServiceAccountToken == false
	not account_opts_out(o, pod)
	path := array.concat(pod.path, ["automountServiceAccountToken"])
}

# account_opts_out holds when the pod leaves the field unset and its
# ServiceAccount, in the linted manifests, sets it to false.
account_opts_out(o, pod) if {
	pod.automountServiceAccountToken == null
	[o.namespace, account_name(pod)] in opted_out
}

# opted_out holds [namespace, name] of the ServiceAccounts that do not
# mount their token.
opted_out contains [sa.namespace, sa.name] if {
	some sa in input.objects
	sa.kind == "ServiceAccount"
	sa.apiVersion == "v1"
	sa.automountServiceAccountToken == false
}

account_name(pod) := pod.serviceAccountName if pod.serviceAccountName != ""

else := "default"

message(pod) := "pod mounts its service account token (automountServiceAccountToken: true): set it to false unless the pod calls the kubernetes api" if {
	pod.automountServiceAccountToken == true
} else := sprintf("pod mounts a token of service account %q by default: set automountServiceAccountToken: false (on the pod or the ServiceAccount) unless the pod calls the kubernetes api", [account_name(pod)])
