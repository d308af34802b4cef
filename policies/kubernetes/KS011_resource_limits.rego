# METADATA
# title: Containers should set CPU and memory limits
# description: |
#   A container or init container has no resources.limits.memory or no
#   resources.limits.cpu. Not a Pod Security Standards control. Ephemeral
#   containers are skipped: Kubernetes does not allow resources on them.
# custom:
#   id: KS011
#   name: resource-limits
#   severity: warning
#   input: kubernetes
#   remediation: Set resources.limits.memory and resources.limits.cpu (and matching requests) on every container, or have a LimitRange set defaults in the namespace.
#   why: |
#     A container without a memory limit can exhaust its node's memory and get
#     other pods killed; without a CPU limit one busy or compromised container
#     can starve its neighbours. Limits bound the damage of a runaway or
#     hijacked process, such as a crypto miner.
#   bad: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#   good: |
#     containers:
#       - name: web
#         image: registry.example.com/web:1.4
#         resources:
#           requests: {cpu: 100m, memory: 128Mi}
#           limits: {cpu: "1", memory: 256Mi}
#   references:
#     - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
package rules.kubernetes.KS011

import data.lib.kubernetes as k8s

deny contains {
	"msg": sprintf("%s has no %s limit: set resources.limits", [k8s.describe(c), concat(" or ", missing)]),
	"path": array.concat(c.path, path_suffix(missing)),
} if {
	some pod in input.pods
	some c in pod.containers
	missing := [r | some r in ["cpu", "memory"]; object.get(c.spec, ["resources", "limits", r], null) == null]
	count(missing) > 0
	c.type != "ephemeralContainers"
}

path_suffix(missing) := ["resources", "limits", missing[0]] if {
	count(missing) == 1
} else := ["resources", "limits"]
