package rules.runtime.RT000_test

import data.rules.runtime.RT000

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

test_error_reported if count(RT000.deny) == 1 with input as object.union(service({}), {"containers": [], "errors": [{"message": "bad", "range": r}]})

test_no_error_allowed if count(RT000.deny) == 0 with input as service({})

test_script_errors_not_reported if count(RT000.deny) == 0 with input as object.union(command({}), {"errors": [{"message": "bad", "range": r}]})
