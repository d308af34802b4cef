package rules.runtime.RT001_test

import data.rules.runtime.RT001

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

test_privileged_denied if count(RT001.deny) == 1 with input as service({"privileged": {"value": true, "unknown": false, "range": r}})

test_not_privileged_allowed if count(RT001.deny) == 0 with input as service({"privileged": {"value": false, "unknown": false, "range": r}})

test_unknown_allowed if count(RT001.deny) == 0 with input as command({"privileged": {"value": true, "unknown": true, "range": r}})
