# METADATA
# title: Containers must not turn off seccomp, AppArmor or SELinux
# description: |
#   security_opt (--security-opt) holds seccomp:unconfined,
#   apparmor:unconfined, label:disable or systempaths:unconfined (with : or
#   =).
# custom:
#   id: RT009
#   name: runtime-unconfined
#   severity: error
#   input: runtime
#   remediation: Remove the option; if the default seccomp profile blocks a system call the process needs, give it a custom profile that allows just that call.
#   why: |
#     The default seccomp profile blocks about 50 system calls used in
#     kernel exploits, AppArmor and SELinux confine what the container can
#     touch on the host, and /proc and /sys paths are masked. Turning them
#     off removes layers an escape must get through.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         security_opt: ["seccomp:unconfined"]
#     docker run --security-opt apparmor=unconfined app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         security_opt: ["no-new-privileges:true", "seccomp:./seccomp.json"]
#   references:
#     - https://docs.docker.com/engine/security/seccomp/
#     - https://docs.docker.com/engine/security/apparmor/
package rules.runtime.RT009

import data.lib.result
import data.lib.runtime as rt

unconfined := {
	"seccomp:unconfined": "seccomp",
	"apparmor:unconfined": "AppArmor",
	"label:disable": "SELinux labelling",
	"systempaths:unconfined": "masking of /proc and /sys paths",
}

deny contains result.at(sprintf("%s turns off %s (%s): remove it", [rt.describe(c), unconfined[rt.flag(o.value)], o.value]), o) if {
	some c in rt.containers
	some o in c.security_opt
	not o.unknown
	unconfined[rt.flag(o.value)]
}
