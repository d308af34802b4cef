# METADATA
# title: Pods must not turn seccomp off
# description: |
#   The pod or a container sets a seccomp profile other than RuntimeDefault or
#   Localhost, usually Unconfined, which turns system call filtering off. This
#   is the seccomp control of the baseline Pod Security Standard: from 1.19 it
#   checks securityContext.seccompProfile.type of the pod and of every
#   container, init container and ephemeral container; before 1.19, the
#   seccomp.security.alpha.kubernetes.io annotations.
# custom:
#   id: KS013
#   name: seccomp-unconfined
#   severity: error
#   input: kubernetes
#   remediation: Set seccompProfile.type to RuntimeDefault, or to Localhost with a profile that allows only what the workload needs.
#   why: |
#     Unconfined is worse than no setting: it states that the workload may
#     call every system call of the node's kernel, including those most kernel
#     exploits and container escapes need, and it overrides a cluster-wide
#     default profile.
#   bad: |
#     securityContext:
#       seccompProfile:
#         type: Unconfined
#   good: |
#     securityContext:
#       seccompProfile:
#         type: RuntimeDefault
#   fix: unsafe
#   fix_reason: Unconfined is sometimes set on purpose for workloads that need blocked system calls (debuggers, sandboxes, some build tools)
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/tutorials/security/seccomp/
package rules.kubernetes.KS013

import data.lib.kubernetes as k8s
import data.lib.result

valid_types := {"RuntimeDefault", "Localhost"}

# Fields (1.19+): the pod's and each container's own profile.
deny contains fixed(sprintf("pod %s", [problem(profile)]), k8s.field_path(pod, ["securityContext", "seccompProfile", "type"])) if {
	some pod in input.pods
	profile := pod.spec.securityContext.seccompProfile
	bad(profile)
	k8s.at_least(19)
}

deny contains fixed(sprintf("%s %s", [k8s.describe(c), problem(profile)]), k8s.field_path(c, ["securityContext", "seccompProfile", "type"])) if {
	some pod in input.pods
	some c in pod.containers
	profile := c.spec.securityContext.seccompProfile
	bad(profile)
	k8s.at_least(19)
}

# Annotations (before 1.19).
deny contains result.at_path(
	sprintf("annotation %s sets seccomp profile %q: use runtime/default or localhost/<profile>", [key, value]),
	k8s.metadata_path(pod, ["annotations", key]),
) if {
	not k8s.at_least(19)
	some pod in input.pods
	some key, value in pod.metadata.annotations
	annotation_applies(pod, key)
	not valid_annotation(value)
}

bad(profile) if {
	profile != null
	not object.get(profile, "type", "") in valid_types
}

problem(profile) := sprintf("sets seccomp profile %q, which turns system call filtering off: use RuntimeDefault or Localhost", [profile.type]) if {
	profile.type == "Unconfined"
} else := sprintf("sets seccomp profile %q: use RuntimeDefault or Localhost", [profile.type]) if {
	is_string(profile.type)
	profile.type != ""
} else := "sets a seccomp profile without a type: use RuntimeDefault or Localhost"

fixed(msg, path) := result.with_fix(result.at_path(msg, path), {
	"title": "Use the RuntimeDefault seccomp profile",
	"edits": [{"op": "set", "path": path, "value": "RuntimeDefault"}],
})

annotation_applies(_, "seccomp.security.alpha.kubernetes.io/pod")

annotation_applies(pod, key) if {
	some c in pod.containers
	key == concat("", ["container.seccomp.security.alpha.kubernetes.io/", c.name])
}

valid_annotation("runtime/default")

valid_annotation("docker/default")

valid_annotation(value) if startswith(value, "localhost/")
