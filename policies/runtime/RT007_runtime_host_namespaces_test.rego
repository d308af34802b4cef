package rules.runtime.RT007_test

import data.rules.runtime.RT007

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

test_host_network_denied if count(RT007.deny) == 1 with input as service({"network_mode": v("host")})

test_all_denied if count(RT007.deny) == 4 with input as command({"network_mode": v("host"), "pid": v("host"), "ipc": v("HOST"), "userns_mode": v("host")})

test_service_allowed if count(RT007.deny) == 0 with input as service({"pid": v("service:db")})
