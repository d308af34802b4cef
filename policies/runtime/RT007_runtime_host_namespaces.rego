# METADATA
# title: Containers must not share the host's namespaces
# description: |
#   network_mode, pid, ipc or userns_mode is host in a Compose service, or a
#   docker run command passes --network (--net), --pid, --ipc or --userns
#   host.
# custom:
#   id: RT007
#   name: runtime-host-namespaces
#   severity: error
#   security_severity: 9.0
#   input: runtime
#   remediation: Remove the setting; publish ports instead of sharing the host network, and share namespaces with another container (service:name, container:name) when that is what is needed.
#   why: |
#     The host's network namespace exposes every host interface and local
#     service; its PID namespace lets the container see and signal host
#     processes; its IPC namespace, host shared memory; the host user
#     namespace turns off user namespace remapping.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         network_mode: host
#     docker run --pid=host app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         ports: ["8080:8080"]
#   references:
#     - https://docs.docker.com/engine/network/drivers/host/
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html
package rules.runtime.RT007

import data.lib.result
import data.lib.runtime as rt

settings := {
	"network_mode": ["network_mode", "--network"],
	"pid": ["pid", "--pid"],
	"ipc": ["ipc", "--ipc"],
	"userns_mode": ["userns_mode", "--userns"],
}

deny contains result.at(sprintf("%s shares the host's %s namespace (%s host): remove it", [rt.describe(c), namespace(key), rt.option(c, names[0], names[1])]), c[key]) if {
	some c in rt.containers
	some key, names in settings
	not c[key].unknown
	lower(trim_space(c[key].value)) == "host"
}

namespace("network_mode") := "network"

namespace("pid") := "PID"

namespace("ipc") := "IPC"

namespace("userns_mode") := "user"
