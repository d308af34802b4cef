# METADATA
# title: Objects should not use deprecated or removed API versions
# description: |
#   The object's apiVersion is deprecated or removed for its kind in the
#   target Kubernetes version (data.hardline.config.kube_version, default the
#   newest version hardline knows). A deprecated version is a warning; one the
#   API server no longer serves is an error, since the manifest cannot be
#   applied. The table follows the Kubernetes deprecated API migration guide;
#   beta versions superseded by a stable one (such as resource.k8s.io/v1beta1
#   since 1.34) count as deprecated from the stable release. PodSecurityPolicy
#   has no replacement object: Pod Security Admission namespace labels take its
#   place.
# custom:
#   id: KS021
#   name: deprecated-api
#   severity: warning
#   input: kubernetes
#   remediation: Change apiVersion to the replacement and adapt the fields that changed (see the migration guide); kubectl convert can help. Replace a PodSecurityPolicy with the pod-security.kubernetes.io/enforce label on each namespace.
#   why: |
#     Deprecated API versions are removed after a few releases; manifests that
#     still use them fail to apply after the cluster upgrade ("no matches for
#     kind"), often in the middle of an incident.
#   bad: |
#     apiVersion: resource.k8s.io/v1beta1
#     kind: ResourceClaim
#   good: |
#     apiVersion: resource.k8s.io/v1
#     kind: ResourceClaim
#   references:
#     - https://kubernetes.io/docs/reference/using-api/deprecation-guide/
#     - https://kubernetes.io/docs/reference/using-api/deprecation-policy/
package rules.kubernetes.KS021

import data.lib.kubernetes as k8s
import data.lib.result

# Still served: a warning (the rule's severity).
deny contains result.at_path(
	sprintf("%s %s is deprecated since kubernetes 1.%d%s: %s", [input.apiVersion, input.kind, entry.deprecated, removal(entry), k8s.replacement_text(entry)]),
	k8s.object_path(["apiVersion"]),
) if {
	entry := k8s.deprecated_api
	k8s.at_least(entry.deprecated)
	not removed(entry)
}

# No longer served: an error.
deny contains object.union(
	result.at_path(
		sprintf("%s %s is no longer served since kubernetes 1.%d (target %s): %s", [input.apiVersion, input.kind, entry.removed, k8s.kube_version, k8s.replacement_text(entry)]),
		k8s.object_path(["apiVersion"]),
	),
	{"severity": "error"},
) if {
	entry := k8s.deprecated_api
	removed(entry)
}

removed(entry) if k8s.at_least(entry.removed)

removal(entry) := sprintf(" and removed in 1.%d", [entry.removed]) if {
	entry.removed
} else := ""
