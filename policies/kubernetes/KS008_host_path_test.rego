package rules.kubernetes.KS008_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS008

test_host_path_denied if {
	spec := {
		"containers": [t.container("web")],
		"volumes": [{"name": "cache", "emptyDir": {}}, {"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}],
	}
	got := KS008.deny with input as t.pod_input(spec)
	got == {{
		"msg": `volume "docker" mounts "/var/run/docker.sock" from the node (hostPath): use another volume type`,
		"path": ["spec", "volumes", 1, "hostPath"],
	}}
}

test_every_host_path_denied if {
	spec := {"containers": [t.container("web")], "volumes": [
		{"name": "a", "hostPath": {"path": "/a"}},
		{"name": "b", "hostPath": {"path": "/b", "type": "Directory"}},
	]}
	count(KS008.deny) == 2 with input as t.pod_input(spec)
}

test_other_volumes_allowed if {
	spec := {"containers": [t.container("web")], "volumes": [
		{"name": "cache", "emptyDir": {}},
		{"name": "config", "configMap": {"name": "web"}},
		{"name": "data", "persistentVolumeClaim": {"claimName": "data"}},
		{"name": "null-host-path", "hostPath": null},
	]}
	count(KS008.deny) == 0 with input as t.pod_input(spec)
}
