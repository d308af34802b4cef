package shellrun

import "strings"

// shortName maps the one-letter options of docker run (and podman run) to
// their long names.
func shortName(c byte) (string, bool) {
	switch c {
	case 'e':
		return "env", true
	case 'v':
		return "volume", true
	case 'u':
		return "user", true
	case 'p':
		return "publish", true
	case 'w':
		return "workdir", true
	case 'h':
		return "hostname", true
	case 'l':
		return "label", true
	case 'm':
		return "memory", true
	case 'c':
		return "cpu-shares", true
	case 'a':
		return "attach", true
	case 'd':
		return "detach", true
	case 'i':
		return "interactive", true
	case 't':
		return "tty", true
	case 'P':
		return "publish-all", true
	case 'q':
		return "quiet", true
	}
	return "", false
}

// booleanFlag reports whether a long option of docker run, docker create
// or podman run takes no value (it may still be written --name=false).
// Every other option takes one, attached with = or in the next word.
func booleanFlag(name string) bool {
	switch name {
	case "detach", "interactive", "tty", "rm", "privileged", "read-only", "init",
		"publish-all", "no-healthcheck", "oom-kill-disable", "sig-proxy",
		"disable-content-trust", "quiet", "help", "use-api-socket",
		// podman
		"replace", "rmi", "read-only-tmpfs", "no-hosts", "http-proxy",
		"tls-verify", "env-host", "passwd", "rootfs", "unsetenv-all":
		return true
	}
	return false
}

// globalValueFlag reports whether an option of docker (or podman) itself,
// before the subcommand, takes a value in the next word.
func globalValueFlag(name string) bool {
	switch strings.TrimLeft(name, "-") {
	case "H", "host", "context", "c", "config", "l", "log-level", "tlscacert", "tlscert", "tlskey",
		"connection", "url", "identity", "root", "runroot", "storage-driver", "cgroup-manager",
		"events-backend", "network-cmd-path", "runtime", "tmpdir", "module", "remote":
		return true
	}
	return false
}
