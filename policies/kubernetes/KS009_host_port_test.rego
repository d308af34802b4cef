package rules.kubernetes.KS009_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS009

test_host_port_denied if {
	web := object.union(t.container("web"), {"ports": [{"containerPort": 80}, {"containerPort": 8080, "hostPort": 8080}]})
	setup := object.union(t.container("setup"), {"ports": [{"containerPort": 9090, "hostPort": 9090}]})
	got := KS009.deny with input as t.pod_input({"containers": [web], "initContainers": [setup]})
	{f.path | some f in got} == {["spec", "containers", 0, "ports", 1, "hostPort"], ["spec", "initContainers", 0, "ports", 0, "hostPort"]}
	{f.msg | some f in got} == {
		`container "web" binds host port 8080: remove hostPort and use a Service`,
		`init container "setup" binds host port 9090: remove hostPort and use a Service`,
	}
}

test_zero_and_absent_allowed if {
	web := object.union(t.container("web"), {"ports": [{"containerPort": 80, "hostPort": 0}, {"containerPort": 8080}]})
	count(KS009.deny) == 0 with input as t.pod_input({"containers": [web]})
}
