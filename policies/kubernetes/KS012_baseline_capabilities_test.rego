package rules.kubernetes.KS012_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS012

adds(caps) := t.with_sc(t.container("web"), {"capabilities": {"add": caps}})

test_capability_beyond_default_set_denied if {
	got := KS012.deny with input as t.pod_input({"containers": [adds(["CHOWN", "SYS_ADMIN"])]})
	got == {{
		"msg": `container "web" adds capability "SYS_ADMIN", which the baseline pod security standard forbids`,
		"path": ["spec", "containers", 0, "securityContext", "capabilities", "add", 1],
	}}
}

test_net_raw_denied_in_every_container_type if {
	spec := {
		"containers": [adds(["NET_RAW"])],
		"initContainers": [object.union(adds(["NET_RAW"]), {"name": "setup"})],
		"ephemeralContainers": [object.union(adds(["NET_RAW"]), {"name": "debug"})],
	}
	count(KS012.deny) == 3 with input as t.pod_input(spec)
}

test_names_compared_as_written if {
	got := KS012.deny with input as t.pod_input({"containers": [adds(["chown", "CAP_CHOWN"])]})
	{f.msg | some f in got} == {
		`container "web" adds capability "chown", which the baseline pod security standard forbids (write it as "CHOWN")`,
		`container "web" adds capability "CAP_CHOWN", which the baseline pod security standard forbids (write it as "CHOWN")`,
	}
}

test_whole_default_set_allowed if {
	caps := [
		"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
		"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
	]
	count(KS012.deny) == 0 with input as t.pod_input({"containers": [adds(caps)]})
}

test_drop_is_not_add if {
	c := t.with_sc(t.container("web"), {"capabilities": {"drop": ["SYS_ADMIN"]}})
	count(KS012.deny) == 0 with input as t.pod_input({"containers": [c]})
}
