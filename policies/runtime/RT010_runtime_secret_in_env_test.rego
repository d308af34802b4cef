package rules.runtime.RT010_test

import data.rules.runtime.RT010

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

e(name, value) := {"name": name, "value": value, "has_value": true, "unknown": false, "range": r}

test_password_denied if count(RT010.deny) == 1 with input as service({"env": [e("DB_PASSWORD", "hunter2hunter2")]})

test_token_value_denied if count(RT010.deny) == 1 with input as command({"env": [e("X", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")]})

test_path_allowed if count(RT010.deny) == 0 with input as service({"env": [e("DB_PASSWORD_FILE", "/run/secrets/db")]})

test_unknown_allowed if count(RT010.deny) == 0 with input as service({"env": [object.union(e("DB_PASSWORD", "x"), {"unknown": true})]})
