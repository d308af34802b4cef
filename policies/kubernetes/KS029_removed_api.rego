# METADATA
# title: Objects must not use removed API versions
# description: |
#   The object's apiVersion is no longer served for its kind in the target
#   Kubernetes version (data.hardline.config.kube_version, default the newest
#   version hardline knows), so the API server rejects the manifest. Versions
#   that are deprecated but still served are reported by KS021. The table
#   follows the Kubernetes deprecated API migration guide.
# custom:
#   id: KS029
#   name: removed-api
#   severity: error
#   input: kubernetes
#   remediation: Change apiVersion to the replacement and adapt the fields that changed (see the migration guide); kubectl convert can help. PodSecurityPolicy has no replacement object; use Pod Security Admission namespace labels.
#   why: |
#     kubectl apply fails with "no matches for kind" for a removed API version;
#     the object cannot be created or updated on the target cluster.
#   bad: |
#     apiVersion: policy/v1beta1
#     kind: PodDisruptionBudget
#   good: |
#     apiVersion: policy/v1
#     kind: PodDisruptionBudget
#   references:
#     - https://kubernetes.io/docs/reference/using-api/deprecation-guide/
package rules.kubernetes.KS029

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(
	sprintf("%s %s is no longer served since kubernetes 1.%d (target %s): %s", [input.apiVersion, input.kind, entry.removed, k8s.kube_version, k8s.replacement_text(entry)]),
	k8s.object_path(["apiVersion"]),
) if {
	entry := k8s.deprecated_api
	k8s.at_least(entry.removed)
}
