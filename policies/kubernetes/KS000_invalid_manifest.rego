# METADATA
# title: Kubernetes manifests must be valid
# description: |
#   The YAML document could not be read as a Kubernetes object (bad YAML, or no
#   apiVersion, kind or metadata), so no other rule could check it; or a field
#   the rules read has the wrong type for the Kubernetes API (hostNetwork: "yes",
#   a string where kubectl wants a boolean; containers that are not a list; a
#   volume without a name), which kubectl would refuse. Other fields of the
#   object are still checked. A file larger than max-file-size (20 MiB unless
#   configured) is reported here too, unread.
# custom:
#   id: KS000
#   name: invalid-manifest
#   severity: error
#   security_severity: none
#   input: kubernetes
#   remediation: Fix the YAML syntax or the object's structure so that the document is a Kubernetes object and each field has the type the message names.
#   why: |
#     A manifest hardline cannot read is a manifest nothing checked. kubectl
#     would reject it too, usually at deploy time rather than in review.
#   bad: |
#     apiVersion: v1
#     kind: Pod
#     metadata:
#       name: web
#      spec: {}
#   good: |
#     apiVersion: v1
#     kind: Pod
#     metadata:
#       name: web
#     spec: {}
#   references: ["https://kubernetes.io/docs/concepts/overview/working-with-objects/"]
package rules.kubernetes.KS000

import data.lib.kubernetes as k8s
import data.lib.result

deny contains finding(e) if some e in input.errors

message(e) := sprintf("invalid manifest: %s", [e.message])

finding(e) := result.at(message(e), e) if {
	e.range
} else := result.at_path(message(e), k8s.object_path([]))
