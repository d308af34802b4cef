package rules.runtime.RT008_test

import data.rules.runtime.RT008

r := {"line": 1, "column": 1, "endLine": 1, "endColumn": 2, "offset": 0, "endOffset": 1}

service(fields) := {"type": "runtime", "source": "compose", "errors": [], "images": [], "containers": [object.union(
	{
		"kind": "service", "name": "web", "range": r, "override": false, "dynamic": false,
		"cap_add": [], "cap_drop": [], "security_opt": [], "volumes": [], "env": [], "ports": [], "devices": [], "fixes": {},
	},
	fields,
)]}

command(fields) := object.union(service({}), {"source": "shell", "containers": [object.union(service(fields).containers[0], {"kind": "command", "name": "docker run"})]})

v(x) := {"value": x, "unknown": false, "range": r}

m(src, ro) := {"type": "bind", "source": src, "target": "/x", "read_only": ro, "unknown": false, "range": r}

test_socket_denied if count(RT008.deny) == 1 with input as service({"volumes": [m("/var/run/docker.sock", true)]})

test_root_denied if count(RT008.deny) == 1 with input as command({"volumes": [m("//", true)]})

test_writable_etc_subdir_denied if count(RT008.deny) == 1 with input as service({"volumes": [m("/etc/ssl/", false)]})

test_read_only_subdir_allowed if count(RT008.deny) == 0 with input as service({"volumes": [m("/etc/ssl", true)]})

test_volume_allowed if count(RT008.deny) == 0 with input as service({"volumes": [object.union(m("etc", false), {"type": "volume"})]})
