package rules.runtime.RT006_test

import data.rules.runtime.RT006

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

img(repo, tag) := {"registry": "docker.io", "repository": repo, "tag": tag, "ref": "x", "official": false}

test_missing_denied if count(RT006.deny) == 1 with input as service({"image": img("library/python", "3.13")})

test_root_denied if count(RT006.deny) == 1 with input as command({"user": v("0:0")})

test_non_root_allowed if count(RT006.deny) == 0 with input as service({"user": v("10001")})

test_non_root_image_allowed if count(RT006.deny) == 0 with input as service({"image": img("bitnami/redis", "7.4")})
