# METADATA
# title: Pods should use only ephemeral and claim-based volume types
# description: |
#   A volume uses a type outside the restricted Pod Security Standard's list:
#   configMap, csi, downwardAPI, emptyDir, ephemeral, image,
#   persistentVolumeClaim, projected and secret. Inline network and cloud
#   volumes (nfs, iscsi, awsElasticBlockStore, gcePersistentDisk, gitRepo,
#   flexVolume, ...) are reported; hostPath volumes are reported by KS008,
#   which applies at both levels. A volume with no type is an emptyDir.
# custom:
#   id: KS018
#   name: restricted-volumes
#   severity: warning
#   input: kubernetes
#   remediation: Mount storage through a PersistentVolumeClaim (the administrator defines the PersistentVolume) or a CSI volume; replace gitRepo with an init container that clones into an emptyDir.
#   why: |
#     Inline volume sources let the pod author choose what the node mounts and
#     with which credentials, bypassing the storage classes and access rules
#     the cluster administrator set. gitRepo runs git on the node as root.
#   bad: |
#     volumes:
#       - name: data
#         nfs:
#           server: nfs.example.com
#           path: /exports/data
#   good: |
#     volumes:
#       - name: data
#         persistentVolumeClaim:
#           claimName: data
#   levels: [restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/concepts/storage/volumes/
package rules.kubernetes.KS018

import data.lib.kubernetes as k8s
import data.lib.result

allowed := {
	"configMap",
	"csi",
	"downwardAPI",
	"emptyDir",
	"ephemeral",
	"image",
	"persistentVolumeClaim",
	"projected",
	"secret",
}

deny contains result.at_path(
	sprintf("%s uses volume type %q, which the restricted pod security standard forbids: use a persistentVolumeClaim or csi volume", [k8s.describe_volume(volume), type]),
	k8s.field_path(pod, ["volumes", i, type]),
) if {
	some pod in input.pods
	some i, volume in pod.spec.volumes
	not allowed_source(volume)
	some type, source in volume
	type != "name"
	source != null
	type != "hostPath" # KS008
}

allowed_source(volume) if {
	some type, source in volume
	type in allowed
	source != null
}
