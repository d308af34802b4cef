package rules.runtime.RT004_test

import data.rules.runtime.RT004

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

test_missing_denied if count(RT004.deny) == 1 with input as command({})

test_false_denied if count(RT004.deny) == 1 with input as service({"read_only": {"value": false, "unknown": false, "range": r}})

test_true_allowed if count(RT004.deny) == 0 with input as service({"read_only": {"value": true, "unknown": false, "range": r}})

test_override_allowed if count(RT004.deny) == 0 with input as service({"override": true})
