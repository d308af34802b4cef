# METADATA
# title: Pods must not mount host paths
# description: |
#   A volume of type hostPath mounts a file or directory of the node into the
#   pod. The baseline Pod Security Standard forbids hostPath volumes.
# custom:
#   id: KS008
#   name: host-path
#   severity: error
#   security_severity: 9.0
#   input: kubernetes
#   remediation: Replace the hostPath volume with a PersistentVolumeClaim, an emptyDir, a ConfigMap or a Secret; node agents that need host files belong in a namespace that allows the privileged level.
#   why: |
#     A hostPath mount exposes the node: the container runtime socket, the
#     kubelet's credentials, other pods' data. Writable, it lets a container
#     plant files the node will execute.
#   bad: |
#     volumes:
#       - name: docker
#         hostPath:
#           path: /var/run/docker.sock
#   good: |
#     volumes:
#       - name: cache
#         emptyDir: {}
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
package rules.kubernetes.KS008

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("%s mounts %s from the node (hostPath): use another volume type", [k8s.describe_volume(volume), host_path(volume)]),
	"path": array.concat(pod.path, ["volumes", i, "hostPath"]),
} if {
	some pod in input.pods
	some i, volume in pod.spec.volumes
	volume.hostPath != null # k8s.has(volume, "hostPath")
}

host_path(volume) := sprintf("%q", [volume.hostPath.path]) if {
	is_string(volume.hostPath.path)
} else := "a path"
