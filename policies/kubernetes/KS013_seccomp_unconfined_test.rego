package rules.kubernetes.KS013_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS013

test_pod_unconfined_denied if {
	spec := {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [t.container("web")]}
	got := KS013.deny with input as t.pod_input(spec)
	count(got) == 1
	some f in got
	f.msg == `pod sets seccomp profile "Unconfined", which turns system call filtering off: use RuntimeDefault or Localhost`
	f.path == ["spec", "securityContext", "seccompProfile", "type"]
	f.fix.edits == [{"op": "set", "path": f.path, "value": "RuntimeDefault"}]
}

test_container_unconfined_denied_even_if_pod_is_fine if {
	spec := {
		"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
		"containers": [t.container("web")],
		"initContainers": [t.with_sc(t.container("setup"), {"seccompProfile": {"type": "Unconfined"}})],
	}
	got := KS013.deny with input as t.pod_input(spec)
	{f.path | some f in got} == {["spec", "initContainers", 0, "securityContext", "seccompProfile", "type"]}
}

test_missing_or_unknown_type_denied if {
	spec := {"containers": [
		t.with_sc(t.container("web"), {"seccompProfile": {}}),
		t.with_sc(t.container("api"), {"seccompProfile": {"type": "runtime/default"}}),
	]}
	got := KS013.deny with input as t.pod_input(spec)
	{f.msg | some f in got} == {
		`container "web" sets a seccomp profile without a type: use RuntimeDefault or Localhost`,
		`container "api" sets seccomp profile "runtime/default": use RuntimeDefault or Localhost`,
	}
}

test_valid_profiles_and_unset_allowed if {
	spec := {
		"securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}},
		"containers": [t.with_sc(t.container("web"), {"seccompProfile": {"type": "RuntimeDefault"}}), t.container("api")],
	}
	count(KS013.deny) == 0 with input as t.pod_input(spec)
	count(KS013.deny) == 0 with input as t.pod_input({"containers": [t.container("web")]})
}

test_annotations_before_1_19 if {
	metadata := {"name": "web", "annotations": {
		"seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
		"container.seccomp.security.alpha.kubernetes.io/web": "unconfined",
		"container.seccomp.security.alpha.kubernetes.io/gone": "unconfined",
	}}
	obj := t.pod_input_meta({"containers": [t.container("web")]}, metadata)
	got := KS013.deny with input as obj with data.hardline.config as t.version("1.18")
	got == {{
		"msg": `annotation container.seccomp.security.alpha.kubernetes.io/web sets seccomp profile "unconfined": use runtime/default or localhost/<profile>`,
		"path": ["metadata", "annotations", "container.seccomp.security.alpha.kubernetes.io/web"],
	}}

	# From 1.19 the fields count, as in Pod Security Admission.
	count(KS013.deny) == 0 with input as obj
}

test_fields_ignored_before_1_19 if {
	spec := {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [t.container("web")]}
	count(KS013.deny) == 0 with input as t.pod_input(spec) with data.hardline.config as t.version("1.18")
}
