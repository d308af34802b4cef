# METADATA
# title: Containers must not mount the Docker socket or sensitive host paths
# description: |
#   A bind mount of the Docker (or Podman, containerd) socket, or of a
#   sensitive host directory: /, /etc, /proc, /sys, /var/run, /run, /root,
#   /home, /boot, /dev or /var/lib/docker; or a writable bind mount of a
#   path under one of them. Relative paths and paths written with variables
#   are not judged.
# custom:
#   id: RT008
#   name: runtime-host-mounts
#   severity: error
#   security_severity: 9.0
#   input: runtime
#   remediation: Remove the mount; give the container a named volume or the one file it needs, read-only. Never mount the Docker socket into a container that does not manage Docker.
#   why: |
#     Whoever can talk to the Docker socket can start a privileged container
#     that mounts the host's root: it is root on the host. Writable /etc,
#     /root or /proc paths let the container change the host's users,
#     keys and kernel settings.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         volumes:
#           - /var/run/docker.sock:/var/run/docker.sock
#     docker run -v /:/host app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         volumes:
#           - data:/var/lib/app
#           - ./config.yaml:/etc/app/config.yaml:ro
#     volumes:
#       data: {}
#   references:
#     - https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     - https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-1-do-not-expose-the-docker-daemon-socket-even-to-the-containers
package rules.runtime.RT008

import data.lib.result
import data.lib.runtime as rt

sockets := {
	"/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock",
	"/var/run/podman/podman.sock", "/run/containerd/containerd.sock",
	"/var/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock",
}

sensitive := {"/", "/etc", "/proc", "/sys", "/var/run", "/run", "/root", "/home", "/boot", "/dev", "/var/lib/docker"}

deny contains result.at(sprintf("%s mounts the container runtime's socket %s: that is root on the host", [rt.describe(c), m.source]), m) if {
	some c in rt.containers
	some m in host_mounts(c)
	clean(m.source) in sockets
}

deny contains result.at(sprintf("%s mounts the host's %s: remove the mount", [rt.describe(c), clean(m.source)]), m) if {
	some c in rt.containers
	some m in host_mounts(c)
	clean(m.source) in sensitive
}

deny contains result.at(sprintf("%s mounts the host's %s writable: mount only what it needs, read-only", [rt.describe(c), clean(m.source)]), m) if {
	some c in rt.containers
	some m in host_mounts(c)
	not m.read_only
	p := clean(m.source)
	not p in sockets
	not p in sensitive
	some dir in sensitive
	dir != "/"
	startswith(p, concat("", [dir, "/"]))
}

host_mounts(c) := [m |
	some m in c.volumes
	m.type == "bind"
	not m.unknown
	startswith(m.source, "/")
]

# clean removes trailing slashes and repeated ones: "/etc/" is "/etc".
clean(p) := "/" if trim_right(p, "/") == ""

else := regex.replace(trim_right(p, "/"), `/+`, "/")
