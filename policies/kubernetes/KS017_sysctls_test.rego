package rules.kubernetes.KS017_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS017

sysctls(names) := {
	"securityContext": {"sysctls": [{"name": n, "value": "1"} | some n in names]},
	"containers": [t.container("web")],
}

test_unsafe_sysctl_denied if {
	got := KS017.deny with input as t.pod_input(sysctls(["net.ipv4.tcp_syncookies", "kernel.msgmax"]))
	got == {{
		"msg": `pod sets sysctl "kernel.msgmax", which is not in the safe set: remove it`,
		"path": ["spec", "securityContext", "sysctls", 1, "name"],
	}}
}

test_safe_sysctls_allowed if {
	names := [
		"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
		"net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports",
		"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
		"net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
		"net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat",
	]
	count(KS017.deny) == 0 with input as t.pod_input(sysctls(names))
}

test_safe_set_follows_the_version if {
	obj := t.pod_input(sysctls(["net.ipv4.tcp_rmem"]))
	count(KS017.deny) == 0 with input as obj with data.hardline.config as t.version("1.32")
	got := KS017.deny with input as obj with data.hardline.config as t.version("1.31")
	{f.msg | some f in got} == {`pod sets sysctl "net.ipv4.tcp_rmem", which is not in the safe set of kubernetes 1.31 (it is from 1.32): remove it`}
}

test_no_sysctls_allowed if {
	count(KS017.deny) == 0 with input as t.pod_input({"containers": [t.container("web")]})
}
