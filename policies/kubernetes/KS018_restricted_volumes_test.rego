package rules.kubernetes.KS018_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS018

volumes(vs) := {"containers": [t.container("web")], "volumes": vs}

test_inline_network_volume_denied if {
	got := KS018.deny with input as t.pod_input(volumes([
		{"name": "config", "configMap": {"name": "web"}},
		{"name": "data", "nfs": {"server": "nfs.example.com", "path": "/exports"}},
	]))
	got == {{
		"msg": `volume "data" uses volume type "nfs", which the restricted pod security standard forbids: use a persistentVolumeClaim or csi volume`,
		"path": ["spec", "volumes", 1, "nfs"],
	}}
}

test_other_restricted_types_denied if {
	vs := [
		{"name": "a", "gitRepo": {"repository": "https://github.com/example/x"}},
		{"name": "b", "awsElasticBlockStore": {"volumeID": "vol-1"}},
		{"name": "c", "flexVolume": {"driver": "x"}},
		{"name": "d", "someFutureType": {}},
	]
	count(KS018.deny) == 4 with input as t.pod_input(volumes(vs))
}

test_host_path_left_to_KS008 if {
	count(KS018.deny) == 0 with input as t.pod_input(volumes([{"name": "h", "hostPath": {"path": "/"}}]))
}

test_allowed_types if {
	vs := [
		{"name": "a"},
		{"name": "b", "emptyDir": {}},
		{"name": "c", "secret": {"secretName": "s"}},
		{"name": "d", "persistentVolumeClaim": {"claimName": "c"}},
		{"name": "e", "downwardAPI": {"items": []}},
		{"name": "f", "configMap": {"name": "c"}},
		{"name": "g", "projected": {"sources": []}},
		{"name": "h", "csi": {"driver": "x"}},
		{"name": "i", "ephemeral": {"volumeClaimTemplate": {}}},
		{"name": "j", "image": {"reference": "registry.example.com/data:1"}},
		{"name": "k", "nfs": null},
	]
	count(KS018.deny) == 0 with input as t.pod_input(volumes(vs))
}
