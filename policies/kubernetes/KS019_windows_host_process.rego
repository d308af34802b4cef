# METADATA
# title: Pods must not run Windows HostProcess containers
# description: |
#   securityContext.windowsOptions.hostProcess is true on the pod or on a
#   container: the container runs directly on the Windows node, with host
#   network and host filesystem access. The baseline Pod Security Standard
#   forbids it.
# custom:
#   id: KS019
#   name: windows-host-process
#   severity: error
#   security_severity: 9.0
#   input: kubernetes
#   remediation: Remove windowsOptions.hostProcess (or set it to false); node management tasks belong in a namespace that allows the privileged level.
#   why: |
#     A HostProcess container is the Windows equivalent of a privileged
#     container: it is a process on the node with the node's privileges.
#   bad: |
#     securityContext:
#       windowsOptions:
#         hostProcess: true
#         runAsUserName: "NT AUTHORITY\\SYSTEM"
#   good: |
#     securityContext:
#       windowsOptions:
#         runAsUserName: ContainerUser
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
package rules.kubernetes.KS019

import data.lib.kubernetes as k8s
import data.lib.result

deny contains result.at_path(
	"pod runs Windows HostProcess containers (windowsOptions.hostProcess: true): remove it",
	k8s.field_path(pod, ["securityContext", "windowsOptions", "hostProcess"]),
) if {
	some pod in input.pods
	pod.spec.securityContext.windowsOptions.hostProcess == true
}

deny contains result.at_path(
	sprintf("%s is a Windows HostProcess container (windowsOptions.hostProcess: true): remove it", [k8s.describe(c)]),
	k8s.field_path(c, ["securityContext", "windowsOptions", "hostProcess"]),
) if {
	some pod in input.pods
	some c in pod.containers
	c.spec.securityContext.windowsOptions.hostProcess == true
}
