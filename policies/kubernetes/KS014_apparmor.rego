# METADATA
# title: Pods must not turn AppArmor off
# description: |
#   The pod or a container sets an AppArmor profile other than RuntimeDefault
#   or Localhost (appArmorProfile.type), or a
#   container.apparmor.security.beta.kubernetes.io annotation holds something
#   other than runtime/default or localhost/<profile>, usually unconfined.
#   This is the AppArmor control of the baseline Pod Security Standard.
# custom:
#   id: KS014
#   name: apparmor
#   severity: error
#   input: kubernetes
#   remediation: Remove the override, or use RuntimeDefault (annotation runtime/default) or a Localhost profile.
#   why: |
#     On nodes with AppArmor the runtime confines every container with its
#     default profile, which blocks writes to /proc and /sys and mounts.
#     Unconfined removes that layer for the container.
#   bad: |
#     securityContext:
#       appArmorProfile:
#         type: Unconfined
#   good: |
#     securityContext:
#       appArmorProfile:
#         type: RuntimeDefault
#   levels: [baseline, restricted]
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/tutorials/security/apparmor/
package rules.kubernetes.KS014

import data.lib.kubernetes as k8s
import data.lib.result

valid_types := {"RuntimeDefault", "Localhost"}

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

deny contains result.at_path(
	sprintf("pod %s", [problem(profile)]),
	k8s.field_path(pod, ["securityContext", "appArmorProfile", "type"]),
) if {
	some pod in input.pods
	profile := pod.spec.securityContext.appArmorProfile
	bad(profile)
}

deny contains result.at_path(
	sprintf("%s %s", [k8s.describe(c), problem(profile)]),
	k8s.field_path(c, ["securityContext", "appArmorProfile", "type"]),
) if {
	some pod in input.pods
	some c in pod.containers
	profile := c.spec.securityContext.appArmorProfile
	bad(profile)
}

deny contains result.at_path(
	sprintf("annotation %s sets AppArmor profile %q: use runtime/default or localhost/<profile>", [key, value]),
	k8s.metadata_path(pod, ["annotations", key]),
) if {
	some pod in input.pods
	some key, value in pod.metadata.annotations
	startswith(key, annotation_prefix)
	not valid_annotation(value)
}

bad(profile) if {
	profile != null
	not object.get(profile, "type", "") in valid_types
}

problem(profile) := sprintf("sets AppArmor profile %q, which turns AppArmor off: use RuntimeDefault or Localhost", [profile.type]) if {
	profile.type == "Unconfined"
} else := sprintf("sets AppArmor profile %q: use RuntimeDefault or Localhost", [profile.type]) if {
	is_string(profile.type)
	profile.type != ""
} else := "sets an AppArmor profile without a type: use RuntimeDefault or Localhost"

valid_annotation(value) if value in {"", "runtime/default"}

valid_annotation(value) if startswith(value, "localhost/")
