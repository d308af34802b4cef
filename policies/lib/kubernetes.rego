# METADATA
# description: |
#   Helpers for rules on Kubernetes objects and on the manifests summary
#   (see docs/policies.md): containers with their pods, field paths, the
#   target Kubernetes version and the deprecated API table.
package lib.kubernetes

# newest_kube_version is the Kubernetes version rules assume when
# data.hardline.config.kube_version is not set: the newest version whose
# Pod Security Standards and API removals the rules know.
newest_kube_version := "1.37"

# newest_kube_minor is the minor number of newest_kube_version, which
# kube_minor gives without reading text when no version is configured.
newest_kube_minor := 37

# config is a setting of data.hardline.config, or default_value when unset.
config(key, default_value) := value if {
	value := data.hardline.config[key]
	value != null
} else := default_value

# kube_version is the target Kubernetes version as written in the configuration.
kube_version := config("kube_version", newest_kube_version)

# kube_minor is the minor number of the target version ("1.34", "v1.34.2" and
# "1.34-eks" all give 34). Versions that cannot be read count as the newest.
# hardline passes the minor number as kube_minor, which saves matching the
# version text for every object.
kube_minor := m if {
	m := data.hardline.config.kube_minor
	is_number(m)
} else := newest_kube_minor if {
	not version_configured
} else := minor_of(kube_version)

# version_configured holds when data.hardline.config sets kube_version.
version_configured if data.hardline.config.kube_version != null

default minor_of(_) := 37

minor_of(v) := to_number(m[0][1]) if {
	is_string(v)
	m := regex.find_all_string_submatch_n(`^[vV]?1\.([0-9]+)`, trim_space(v), 1)
	count(m) == 1
}

# at_least holds when the target version is 1.<minor> or newer.
at_least(minor) if kube_minor >= minor

# containers holds every container of every pod of the object (containers,
# initContainers and ephemeralContainers) as [pod, container] pairs.
containers contains [pod, c] if {
	some pod in input.pods
	some c in pod.containers
}

# field_path is the path from the document root of a field below a model
# node that carries a path (a pod or a container).
field_path(node, suffix) := array.concat(node.path, suffix)

# metadata_path is the path of a field below a pod's metadata.
metadata_path(pod, suffix) := array.concat(pod.metadata_path, suffix)

# object_path is the path of a field of the object itself (a List item's
# fields start below its place in the list).
object_path(suffix) := array.concat(input.object_path, suffix)

# security_context is a container's own securityContext ({} when unset).
security_context(c) := sc if {
	sc := c.spec.securityContext
	is_object(sc)
} else := {}

# pod_security_context is a pod spec's securityContext ({} when unset).
pod_security_context(pod) := sc if {
	sc := pod.spec.securityContext
	is_object(sc)
} else := {}

# has holds when obj sets key to something other than null.
has(obj, key) if {
	is_object(obj)
	obj[key] != null
}

# effective is a container's effective security setting ({"value", "path"}):
# its own, else its pod's. Undefined when set nowhere.
effective(c, name) := s if {
	s := c.security[name]
	s.value != null
}

# run_as_non_root holds when runAsNonRoot: true applies to a container.
run_as_non_root(c) if effective(c, "runAsNonRoot").value == true

# describe names a container in messages: container "web",
# init container "setup" or ephemeral container "debug".
describe(c) := sprintf("init container %q", [c.name]) if {
	c.type == "initContainers"
} else := sprintf("ephemeral container %q", [c.name]) if {
	c.type == "ephemeralContainers"
} else := sprintf("container %q", [c.name])

# describe_volume names a volume in messages: volume "data", or a volume
# without a name (which KS000 reports).
describe_volume(volume) := sprintf("volume %q", [volume.name]) if {
	is_string(volume.name)
} else := "a volume without a name"

# is_windows holds for a pod spec that declares os.name windows.
is_windows(pod) if pod.spec.os.name == "windows"

# windows_exempt holds when the Linux-only restricted controls
# (allowPrivilegeEscalation, capabilities, seccomp) skip the pod: Pod Security
# Admission does so for Windows pods from 1.25.
windows_exempt(pod) if {
	is_windows(pod)
	at_least(25)
}

# user_namespace_exempt holds for a pod in a user namespace (hostUsers: false),
# which Pod Security Admission exempts from the runAsNonRoot, runAsUser and
# baseline procMount controls from 1.35.
user_namespace_exempt(pod) if {
	pod.spec.hostUsers == false
	at_least(35)
}

# quote_list joins strings as "a", "b".
quote_list(items) := concat(", ", [sprintf("%q", [i]) | some i in items])

# Deprecated API versions: apiVersion -> kind -> {deprecated, removed,
# replacement}. Versions are Kubernetes 1.x minor numbers; removed is absent
# when no removal is scheduled. Source: the Kubernetes deprecated API
# migration guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
deprecated_apis := {
	"extensions/v1beta1": {
		"Deployment": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"DaemonSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"ReplicaSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"NetworkPolicy": {"deprecated": 9, "removed": 16, "replacement": "networking.k8s.io/v1"},
		"PodSecurityPolicy": {"deprecated": 10, "removed": 16, "replacement": "Pod Security Admission: label namespaces with pod-security.kubernetes.io/enforce"},
		"Ingress": {"deprecated": 14, "removed": 22, "replacement": "networking.k8s.io/v1"},
	},
	"apps/v1beta1": {
		"Deployment": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"StatefulSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"ReplicaSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"ControllerRevision": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
	},
	"apps/v1beta2": {
		"Deployment": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"StatefulSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"DaemonSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"ReplicaSet": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
		"ControllerRevision": {"deprecated": 9, "removed": 16, "replacement": "apps/v1"},
	},
	"networking.k8s.io/v1beta1": {
		"Ingress": {"deprecated": 19, "removed": 22, "replacement": "networking.k8s.io/v1"},
		"IngressClass": {"deprecated": 19, "removed": 22, "replacement": "networking.k8s.io/v1"},
		"IPAddress": {"deprecated": 33, "replacement": "networking.k8s.io/v1"},
		"ServiceCIDR": {"deprecated": 33, "replacement": "networking.k8s.io/v1"},
	},
	"rbac.authorization.k8s.io/v1alpha1": {
		"ClusterRole": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
		"ClusterRoleBinding": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
		"Role": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
		"RoleBinding": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
	},
	"rbac.authorization.k8s.io/v1beta1": {
		"ClusterRole": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
		"ClusterRoleBinding": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
		"Role": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
		"RoleBinding": {"deprecated": 17, "removed": 22, "replacement": "rbac.authorization.k8s.io/v1"},
	},
	"admissionregistration.k8s.io/v1beta1": {
		"MutatingWebhookConfiguration": {"deprecated": 16, "removed": 22, "replacement": "admissionregistration.k8s.io/v1"},
		"ValidatingWebhookConfiguration": {"deprecated": 16, "removed": 22, "replacement": "admissionregistration.k8s.io/v1"},
		"ValidatingAdmissionPolicy": {"deprecated": 30, "replacement": "admissionregistration.k8s.io/v1"},
		"ValidatingAdmissionPolicyBinding": {"deprecated": 30, "replacement": "admissionregistration.k8s.io/v1"},
	},
	"apiextensions.k8s.io/v1beta1": {"CustomResourceDefinition": {"deprecated": 16, "removed": 22, "replacement": "apiextensions.k8s.io/v1"}},
	"apiregistration.k8s.io/v1beta1": {"APIService": {"deprecated": 10, "removed": 22, "replacement": "apiregistration.k8s.io/v1"}},
	"authentication.k8s.io/v1beta1": {"TokenReview": {"deprecated": 6, "removed": 22, "replacement": "authentication.k8s.io/v1"}},
	"authorization.k8s.io/v1beta1": {
		"SubjectAccessReview": {"deprecated": 6, "removed": 22, "replacement": "authorization.k8s.io/v1"},
		"LocalSubjectAccessReview": {"deprecated": 6, "removed": 22, "replacement": "authorization.k8s.io/v1"},
		"SelfSubjectAccessReview": {"deprecated": 6, "removed": 22, "replacement": "authorization.k8s.io/v1"},
		"SelfSubjectRulesReview": {"deprecated": 6, "removed": 22, "replacement": "authorization.k8s.io/v1"},
	},
	"certificates.k8s.io/v1beta1": {"CertificateSigningRequest": {"deprecated": 19, "removed": 22, "replacement": "certificates.k8s.io/v1"}},
	"coordination.k8s.io/v1beta1": {"Lease": {"deprecated": 14, "removed": 22, "replacement": "coordination.k8s.io/v1"}},
	"scheduling.k8s.io/v1alpha1": {"PriorityClass": {"deprecated": 14, "removed": 17, "replacement": "scheduling.k8s.io/v1"}},
	"scheduling.k8s.io/v1beta1": {"PriorityClass": {"deprecated": 14, "removed": 22, "replacement": "scheduling.k8s.io/v1"}},
	"storage.k8s.io/v1beta1": {
		"CSIDriver": {"deprecated": 19, "removed": 22, "replacement": "storage.k8s.io/v1"},
		"CSINode": {"deprecated": 17, "removed": 22, "replacement": "storage.k8s.io/v1"},
		"StorageClass": {"deprecated": 16, "removed": 22, "replacement": "storage.k8s.io/v1"},
		"VolumeAttachment": {"deprecated": 13, "removed": 22, "replacement": "storage.k8s.io/v1"},
		"CSIStorageCapacity": {"deprecated": 24, "removed": 27, "replacement": "storage.k8s.io/v1"},
		"VolumeAttributesClass": {"deprecated": 34, "replacement": "storage.k8s.io/v1"},
	},
	"policy/v1beta1": {
		"PodSecurityPolicy": {"deprecated": 21, "removed": 25, "replacement": "Pod Security Admission: label namespaces with pod-security.kubernetes.io/enforce"},
		"PodDisruptionBudget": {"deprecated": 21, "removed": 25, "replacement": "policy/v1"},
	},
	"batch/v1beta1": {"CronJob": {"deprecated": 21, "removed": 25, "replacement": "batch/v1"}},
	"batch/v2alpha1": {"CronJob": {"deprecated": 8, "removed": 21, "replacement": "batch/v1"}},
	"discovery.k8s.io/v1beta1": {"EndpointSlice": {"deprecated": 21, "removed": 25, "replacement": "discovery.k8s.io/v1"}},
	"events.k8s.io/v1beta1": {"Event": {"deprecated": 19, "removed": 25, "replacement": "events.k8s.io/v1"}},
	"node.k8s.io/v1beta1": {"RuntimeClass": {"deprecated": 22, "removed": 25, "replacement": "node.k8s.io/v1"}},
	"autoscaling/v2beta1": {"HorizontalPodAutoscaler": {"deprecated": 22, "removed": 25, "replacement": "autoscaling/v2"}},
	"autoscaling/v2beta2": {"HorizontalPodAutoscaler": {"deprecated": 23, "removed": 26, "replacement": "autoscaling/v2"}},
	"flowcontrol.apiserver.k8s.io/v1beta1": {
		"FlowSchema": {"deprecated": 23, "removed": 26, "replacement": "flowcontrol.apiserver.k8s.io/v1"},
		"PriorityLevelConfiguration": {"deprecated": 23, "removed": 26, "replacement": "flowcontrol.apiserver.k8s.io/v1"},
	},
	"flowcontrol.apiserver.k8s.io/v1beta2": {
		"FlowSchema": {"deprecated": 26, "removed": 29, "replacement": "flowcontrol.apiserver.k8s.io/v1"},
		"PriorityLevelConfiguration": {"deprecated": 26, "removed": 29, "replacement": "flowcontrol.apiserver.k8s.io/v1"},
	},
	"flowcontrol.apiserver.k8s.io/v1beta3": {
		"FlowSchema": {"deprecated": 29, "removed": 32, "replacement": "flowcontrol.apiserver.k8s.io/v1"},
		"PriorityLevelConfiguration": {"deprecated": 29, "removed": 32, "replacement": "flowcontrol.apiserver.k8s.io/v1"},
	},
	"resource.k8s.io/v1alpha2": {
		"ResourceClass": {"deprecated": 31, "removed": 31, "replacement": "resource.k8s.io/v1 DeviceClass"},
		"ResourceClaim": {"deprecated": 31, "removed": 31, "replacement": "resource.k8s.io/v1"},
		"ResourceClaimTemplate": {"deprecated": 31, "removed": 31, "replacement": "resource.k8s.io/v1"},
		"PodSchedulingContext": {"deprecated": 31, "removed": 31, "replacement": "structured parameters in resource.k8s.io/v1 (PodSchedulingContext was dropped)"},
		"ResourceClaimParameters": {"deprecated": 31, "removed": 31, "replacement": "resource.k8s.io/v1 DeviceClass and ResourceClaim"},
		"ResourceClassParameters": {"deprecated": 31, "removed": 31, "replacement": "resource.k8s.io/v1 DeviceClass"},
		"ResourceSlice": {"deprecated": 31, "removed": 31, "replacement": "resource.k8s.io/v1"},
	},
	"resource.k8s.io/v1beta1": {
		"DeviceClass": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
		"ResourceClaim": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
		"ResourceClaimTemplate": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
		"ResourceSlice": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
	},
	"resource.k8s.io/v1beta2": {
		"DeviceClass": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
		"ResourceClaim": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
		"ResourceClaimTemplate": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
		"ResourceSlice": {"deprecated": 34, "replacement": "resource.k8s.io/v1"},
	},
}

psa_replacement := "Pod Security Admission: label namespaces with pod-security.kubernetes.io/enforce"

# (The table holds only literals, psa_replacement written out: a reference
# inside it would make OPA build the whole table again for every object.)

# deprecated_api is the deprecated_apis entry of the object, when there is one.
deprecated_api := deprecated_apis[input.apiVersion][input.kind]

# replacement_text says what to migrate to: "use apps/v1" or the migration
# advice itself when the replacement is not an apiVersion.
replacement_text(entry) := sprintf("use apiVersion %s", [entry.replacement]) if {
	regex.match(`^[a-z0-9.-]+/v[0-9a-z]+$|^v1$`, entry.replacement)
} else := sprintf("use %s", [entry.replacement])

# baseline_capabilities are the capabilities the baseline Pod Security
# Standard lets a container add (the container runtime's default set).
baseline_capabilities := {
	"AUDIT_WRITE",
	"CHOWN",
	"DAC_OVERRIDE",
	"FOWNER",
	"FSETID",
	"KILL",
	"MKNOD",
	"NET_BIND_SERVICE",
	"SETFCAP",
	"SETGID",
	"SETPCAP",
	"SETUID",
	"SYS_CHROOT",
}
