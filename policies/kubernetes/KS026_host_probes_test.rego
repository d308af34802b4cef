package rules.kubernetes.KS026_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS026

test_probe_host_denied if {
	web := object.union(t.container("web"), {"livenessProbe": {"httpGet": {"host": "169.254.169.254", "port": 80}}})
	got := KS026.deny with input as t.pod_input({"containers": [web]})
	got == {{
		"msg": `container "web" livenessProbe connects to host "169.254.169.254": remove httpGet.host`,
		"path": ["spec", "containers", 0, "livenessProbe", "httpGet", "host"],
	}}
}

test_tcp_and_lifecycle_hosts_denied if {
	sidecar := object.union(t.container("proxy"), {
		"restartPolicy": "Always",
		"readinessProbe": {"tcpSocket": {"host": "::1", "port": 8080}},
		"lifecycle": {"preStop": {"httpGet": {"host": "bad.host", "port": 8080}}},
	})
	got := KS026.deny with input as t.pod_input({"containers": [t.container("web")], "initContainers": [sidecar]})
	{f.path | some f in got} == {
		["spec", "initContainers", 0, "readinessProbe", "tcpSocket", "host"],
		["spec", "initContainers", 0, "lifecycle", "preStop", "httpGet", "host"],
	}
}

test_probes_without_host_allowed if {
	web := object.union(t.container("web"), {
		"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "httpHeaders": [{"name": "Host", "value": "example.com"}]}},
		"readinessProbe": {"tcpSocket": {"port": 8080, "host": ""}},
		"startupProbe": {"exec": {"command": ["true"]}},
	})
	count(KS026.deny) == 0 with input as t.pod_input({"containers": [web]})
}

test_not_a_control_before_1_34 if {
	web := object.union(t.container("web"), {"livenessProbe": {"httpGet": {"host": "bad.host", "port": 80}}})
	count(KS026.deny) == 0 with input as t.pod_input({"containers": [web]}) with data.hardline.config as t.version("1.33")
}
