package rules.runtime.RT003_test

import data.rules.runtime.RT003

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

test_sys_admin_denied if count(RT003.deny) == 1 with input as service({"cap_add": [v("SYS_ADMIN")]})

test_default_allowed if count(RT003.deny) == 0 with input as command({"cap_add": [v("cap_net_bind_service")]})

test_configured_allowed if {
	count(RT003.deny) == 0 with input as service({"cap_add": [v("NET_ADMIN")]})
		with data.hardline.config.allowed_capabilities as ["NET_ADMIN"]
}

test_all_denied if count(RT003.deny) == 1 with input as service({"cap_add": [v("ALL")]}) with data.hardline.config.allowed_capabilities as ["ALL"]
