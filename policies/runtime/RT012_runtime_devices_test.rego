package rules.runtime.RT012_test

import data.rules.runtime.RT012

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

test_device_denied if count(RT012.deny) == 1 with input as service({"devices": [{"source": "/dev/sda", "target": "/dev/sda", "permissions": "", "unknown": false, "range": r}]})

test_none_allowed if count(RT012.deny) == 0 with input as command({})
