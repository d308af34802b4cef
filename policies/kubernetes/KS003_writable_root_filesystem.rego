# METADATA
# title: Containers should have a read-only root filesystem
# description: |
#   securityContext.readOnlyRootFilesystem is not true, so the container can
#   write anywhere in its image's filesystem. Not a Pod Security Standards
#   control. Windows pods are skipped: Kubernetes does not allow the field
#   there.
# custom:
#   id: KS003
#   name: writable-root-filesystem
#   severity: warning
#   input: kubernetes
#   remediation: Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the application must write (such as /tmp).
#   why: |
#     An attacker who gets code execution in a container with a writable root
#     filesystem can drop tools, replace binaries and persist for the life of
#     the container. A read-only root also makes the image the single source
#     of what runs.
#   bad: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#   good: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#         securityContext:
#           readOnlyRootFilesystem: true
#         volumeMounts:
#           - name: tmp
#             mountPath: /tmp
#     volumes:
#       - name: tmp
#         emptyDir: {}
#   fix: unsafe
#   fix_reason: an application that writes to its filesystem (caches, pid files, /tmp) fails until writable volumes are mounted where it writes
#   references:
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rules.kubernetes.KS003

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("%s has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true", [k8s.describe(c)]),
	"path": path,
	"fix": {
		"title": "Set readOnlyRootFilesystem to true",
		"edits": [{"op": "set", "path": path, "value": true}],
	},
} if {
	some pod in input.pods
	some c in pod.containers
	not c.spec.securityContext.readOnlyRootFilesystem == true
	not k8s.is_windows(pod)
	path := array.concat(c.path, ["securityContext", "readOnlyRootFilesystem"])
}
