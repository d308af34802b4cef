package rules.kubernetes.KS014_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS014

test_unconfined_field_denied if {
	spec := {
		"securityContext": {"appArmorProfile": {"type": "Unconfined"}},
		"containers": [t.with_sc(t.container("web"), {"appArmorProfile": {"type": "Unconfined"}})],
	}
	got := KS014.deny with input as t.pod_input(spec)
	{f.path | some f in got} == {
		["spec", "securityContext", "appArmorProfile", "type"],
		["spec", "containers", 0, "securityContext", "appArmorProfile", "type"],
	}
	{f.msg | some f in got} == {
		`pod sets AppArmor profile "Unconfined", which turns AppArmor off: use RuntimeDefault or Localhost`,
		`container "web" sets AppArmor profile "Unconfined", which turns AppArmor off: use RuntimeDefault or Localhost`,
	}
}

test_unconfined_annotation_denied if {
	metadata := {"name": "web", "annotations": {
		"container.apparmor.security.beta.kubernetes.io/setup": "unconfined",
		"container.apparmor.security.beta.kubernetes.io/web": "localhost/web",
		"other.example.com/x": "unconfined",
	}}
	spec := {"containers": [t.container("web")], "initContainers": [t.container("setup")]}
	got := KS014.deny with input as t.deployment_input_meta(spec, metadata)
	got == {{
		"msg": `annotation container.apparmor.security.beta.kubernetes.io/setup sets AppArmor profile "unconfined": use runtime/default or localhost/<profile>`,
		"path": ["spec", "template", "metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/setup"],
	}}
}

test_allowed_values if {
	metadata := {"name": "web", "annotations": {
		"container.apparmor.security.beta.kubernetes.io/a": "runtime/default",
		"container.apparmor.security.beta.kubernetes.io/b": "localhost/profile",
		"container.apparmor.security.beta.kubernetes.io/c": "",
	}}
	spec := {
		"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}},
		"containers": [t.with_sc(t.container("web"), {"appArmorProfile": {"type": "Localhost", "localhostProfile": "p"}})],
	}
	count(KS014.deny) == 0 with input as t.pod_input_meta(spec, metadata)
}
