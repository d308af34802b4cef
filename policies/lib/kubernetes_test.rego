# Tests of lib.kubernetes, and builders of model-shaped inputs (see
# docs/policies.md) that the rule tests share.
package lib.kubernetes_test

import data.lib.kubernetes as k8s

# --- builders -------------------------------------------------------------

# container is a container spec with a name and an image.
container(name) := {"name": name, "image": "registry.example.com/app:1.0"}

# with_sc is a container spec with securityContext fields added.
with_sc(c, sc) := object.union(c, {"securityContext": sc})

# hardened_container passes every rule on its own.
hardened_container(name) := object.union(container(name), {
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"capabilities": {"drop": ["ALL"]},
		"readOnlyRootFilesystem": true,
		"runAsNonRoot": true,
	},
	"resources": {"limits": {"cpu": "500m", "memory": "256Mi"}},
})

# hardened_spec is a pod spec that passes every rule.
hardened_spec := {
	"automountServiceAccountToken": false,
	"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
	"containers": [hardened_container("web")],
}

# hardened_with changes a hardened pod spec: fields of the spec, then fields of
# its first container (merged recursively).
hardened_with(spec_fields, container_fields) := object.union(
	object.union(hardened_spec, spec_fields),
	{"containers": [object.union(hardened_container("web"), container_fields)]},
)

security_fields := ["runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile", "seLinuxOptions", "appArmorProfile", "windowsOptions"]

container_types := ["containers", "initContainers", "ephemeralContainers"]

# pod_model is a Pod of the model: the spec as written plus every container
# with its path and its effective security settings.
pod_model(path, spec, metadata, metadata_path) := {
	"path": path,
	"spec": spec,
	"metadata": metadata,
	"metadata_path": metadata_path,
	"containers": [model_container(path, spec, type, i, c) |
		some type in container_types
		some i, c in object.get(spec, type, [])
	],
}

model_container(pod_path, pod_spec, type, i, c) := {
	"type": type,
	"index": i,
	"name": c.name,
	"path": array.concat(pod_path, [type, i]),
	"spec": c,
	"image": {"raw": c.image, "ref": c.image, "source": trim_suffix(type, "s"), "path": array.concat(pod_path, [type, i, "image"])},
	"security": {name: s |
		some name in security_fields
		s := effective_setting(pod_path, pod_spec, array.concat(pod_path, [type, i]), c, name)
	},
}

effective_setting(pod_path, pod_spec, container_path, c, name) := {
	"value": c.securityContext[name],
	"path": array.concat(container_path, ["securityContext", name]),
} if {
	c.securityContext[name] != null
} else := {
	"value": pod_spec.securityContext[name],
	"path": array.concat(pod_path, ["securityContext", name]),
} if {
	pod_spec.securityContext[name] != null
}

# object_input is the model of one object that holds the given pods.
object_input(api_version, kind, obj, pods) := {
	"type": "kubernetes",
	"path": "deploy/app.yaml",
	"document": 0,
	"object_path": [],
	"errors": [],
	"apiVersion": api_version,
	"kind": kind,
	"name": obj.metadata.name,
	"namespace": object.get(obj.metadata, "namespace", ""),
	"object": obj,
	"pods": pods,
	"images": [],
}

# pod_input is a Pod with the given spec and metadata.
pod_input_meta(spec, metadata) := object_input("v1", "Pod", {"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec}, [pod_model(["spec"], spec, metadata, ["metadata"])])

pod_input(spec) := pod_input_meta(spec, {"name": "web"})

# deployment_input is a Deployment whose template has the given pod spec
# (and metadata).
deployment_input(spec) := deployment_input_meta(spec, {"labels": {"app": "web"}})

deployment_input_meta(spec, template_metadata) := object_input(
	"apps/v1",
	"Deployment",
	{
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": "web", "namespace": "shop"},
		"spec": {"template": {"metadata": template_metadata, "spec": spec}},
	},
	[pod_model(["spec", "template", "spec"], spec, template_metadata, ["spec", "template", "metadata"])],
)

# plain_input is an object without pods.
plain_input(api_version, kind, metadata) := object_input(api_version, kind, {"apiVersion": api_version, "kind": kind, "metadata": metadata}, [])

# version sets the target Kubernetes version in tests.
version(v) := {"kube_version": v}

# --- tests of the helpers -------------------------------------------------

test_kube_minor_default if k8s.kube_minor == 37

test_newest_kube_minor_matches_version if k8s.minor_of(k8s.newest_kube_version) == k8s.newest_kube_minor

test_kube_minor_null_version_is_newest if k8s.kube_minor == 37 with data.hardline.config as {"kube_version": null}

test_kube_minor_from_config if {
	k8s.kube_minor == 34 with data.hardline.config as version("1.34")
	k8s.kube_minor == 29 with data.hardline.config as version("v1.29.3")
	k8s.kube_minor == 30 with data.hardline.config as version("1.30-eks")
}

test_kube_minor_unreadable_is_newest if {
	k8s.kube_minor == 37 with data.hardline.config as version("latest")
	k8s.kube_minor == 37 with data.hardline.config as version(1.3)
}

test_at_least if {
	k8s.at_least(25) with data.hardline.config as version("1.25")
	not k8s.at_least(26) with data.hardline.config as version("1.25")
}

test_config_default if k8s.config("allowed_capabilities", ["X"]) == ["X"]

test_config_set if {
	k8s.config("allowed_capabilities", ["X"]) == ["Y"] with data.hardline.config as {"allowed_capabilities": ["Y"]}
}

test_containers_cover_every_type if {
	spec := {
		"containers": [container("web")],
		"initContainers": [container("setup")],
		"ephemeralContainers": [container("debug")],
	}
	names := {c.name | some [_, c] in k8s.containers} with input as pod_input(spec)
	names == {"web", "setup", "debug"}
}

test_describe if {
	spec := {
		"containers": [container("web")],
		"initContainers": [container("setup")],
		"ephemeralContainers": [container("debug")],
	}
	described := {k8s.describe(c) | some [_, c] in k8s.containers} with input as pod_input(spec)
	described == {`container "web"`, `init container "setup"`, `ephemeral container "debug"`}
}

test_field_path_in_deployment if {
	paths := {k8s.field_path(c, ["securityContext"]) | some [_, c] in k8s.containers} with input as deployment_input(hardened_spec)
	paths == {["spec", "template", "spec", "containers", 0, "securityContext"]}
}

test_effective_falls_back_to_pod if {
	spec := {"securityContext": {"runAsUser": 1000}, "containers": [container("web"), with_sc(container("api"), {"runAsUser": 2000})]}
	got := {c.name: s | some [_, c] in k8s.containers; s := k8s.effective(c, "runAsUser")} with input as pod_input(spec)
	got.web == {"value": 1000, "path": ["spec", "securityContext", "runAsUser"]}
	got.api == {"value": 2000, "path": ["spec", "containers", 1, "securityContext", "runAsUser"]}
}

test_windows_exempt_from_1_25 if {
	pod := {"spec": {"os": {"name": "windows"}}}
	k8s.windows_exempt(pod)
	not k8s.windows_exempt(pod) with data.hardline.config as version("1.24")
	not k8s.windows_exempt({"spec": {"os": {"name": "linux"}}})
}

test_user_namespace_exempt_from_1_35 if {
	pod := {"spec": {"hostUsers": false}}
	k8s.user_namespace_exempt(pod)
	not k8s.user_namespace_exempt(pod) with data.hardline.config as version("1.34")
	not k8s.user_namespace_exempt({"spec": {"hostUsers": true}})
	not k8s.user_namespace_exempt({"spec": {}})
}

test_deprecated_api_lookup if {
	k8s.deprecated_api.removed == 25 with input as plain_input("batch/v1beta1", "CronJob", {"name": "x"})
	not k8s.deprecated_api with input as plain_input("batch/v1", "CronJob", {"name": "x"})
}

test_replacement_text if {
	k8s.replacement_text({"replacement": "apps/v1"}) == "use apiVersion apps/v1"
	k8s.replacement_text({"replacement": k8s.psa_replacement}) == concat(" ", ["use", k8s.psa_replacement])
}

test_hardened_pod_passes_every_rule if {
	every id in pod_rules {
		count(data.rules.kubernetes[id].deny) == 0 with input as pod_input(hardened_spec)
	}
}

test_hardened_deployment_passes_every_rule if {
	every id in pod_rules {
		count(data.rules.kubernetes[id].deny) == 0 with input as deployment_input(hardened_spec)
	}
}

pod_rules := [
	"KS000", "KS001", "KS002", "KS003", "KS004", "KS005", "KS006", "KS007", "KS008", "KS009",
	"KS010", "KS011", "KS012", "KS013", "KS014", "KS015", "KS016", "KS017", "KS018", "KS019",
	"KS021", "KS022", "KS025", "KS026", "KS027", "KS028", "KS030",
]
