package rules.runtime.RT002_test

import data.rules.runtime.RT002

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

test_missing_denied if count(RT002.deny) == 1 with input as service({})

test_all_allowed if count(RT002.deny) == 0 with input as command({"cap_drop": [v("all")]})

test_other_drop_denied if count(RT002.deny) == 1 with input as service({"cap_drop": [v("NET_RAW")]})

test_override_allowed if count(RT002.deny) == 0 with input as service({"override": true})

test_dynamic_allowed if count(RT002.deny) == 0 with input as command({"dynamic": true})

test_fix_applicability if {
	fix := {"safe": true, "edits": [{"op": "replace", "range": r, "text": "    cap_drop: [ALL]\n"}]}
	some d in RT002.deny with input as service({"fixes": {"cap_drop": fix}})
	d.fix.applicability == "safe"
}
