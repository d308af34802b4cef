# METADATA
# title: Namespaces should enforce a Pod Security Standard
# description: |
#   A Namespace has no pod-security.kubernetes.io/enforce label, or one whose
#   value is not a level (privileged, baseline or restricted), so Pod
#   Security Admission enforces the cluster default, which is privileged
#   (nothing) unless the administrator changed it.
# custom:
#   id: KS022
#   name: namespace-without-pod-security
#   severity: warning
#   input: kubernetes
#   remediation: Label the namespace with pod-security.kubernetes.io/enforce set to restricted (or baseline), after checking its workloads with hardline --level.
#   why: |
#     Pod Security Admission is the built-in guard that rejects privileged,
#     host-namespace or root pods. Without the enforce label a namespace
#     accepts anything, including the pods these rules warn about.
#   bad: |
#     apiVersion: v1
#     kind: Namespace
#     metadata:
#       name: shop
#   good: |
#     apiVersion: v1
#     kind: Namespace
#     metadata:
#       name: shop
#       labels:
#         pod-security.kubernetes.io/enforce: restricted
#         pod-security.kubernetes.io/enforce-version: latest
#   fix: unsafe
#   fix_reason: no fix for kube-system, kube-public and kube-node-lease, whose components need privileges; elsewhere, once the namespace enforces restricted, the API server rejects new pods that do not comply (existing pods keep running)
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-admission/
#     - https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/
package rules.kubernetes.KS022

import data.lib.kubernetes as k8s
import data.lib.result

label := "pod-security.kubernetes.io/enforce"

levels := {"privileged", "baseline", "restricted"}

# The namespaces Kubernetes itself creates run system components that
# need privileges: they are reported, but get no automatic fix.
system_namespaces := {"kube-system", "kube-public", "kube-node-lease"}

deny contains with_fix(result.at_path(message(value), path), path) if {
	input.kind == "Namespace"
	input.apiVersion == "v1"
	value := object.get(input.object, ["metadata", "labels", label], null)
	not value in levels
	path := k8s.object_path(["metadata", "labels", label])
}

with_fix(finding, path) := result.with_fix(finding, {
	"title": "Enforce the restricted Pod Security Standard",
	"edits": [{"op": "set", "path": path, "value": "restricted"}],
}) if {
	not input.name in system_namespaces
} else := finding

message(null) := sprintf("namespace %q enforces no pod security standard: label it %s: restricted", [input.name, label]) if {
	not input.name in system_namespaces
}

message(null) := sprintf("system namespace %q enforces no pod security standard: label it %s with the level its components need (privileged, or baseline where they allow it)", [input.name, label]) if {
	input.name in system_namespaces
}

message(value) := sprintf("namespace %q has an invalid %s label %q: use restricted, baseline or privileged", [input.name, label, value]) if value != null
