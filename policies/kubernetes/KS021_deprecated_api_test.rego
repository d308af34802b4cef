package rules.kubernetes.KS021_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS021

api_object(api_version, kind) := t.plain_input(api_version, kind, {"name": "x"})

test_deprecated_but_served_denied if {
	got := KS021.deny with input as api_object("autoscaling/v2beta2", "HorizontalPodAutoscaler")
		with data.hardline.config as t.version("1.24")
	got == {{
		"msg": "autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated since kubernetes 1.23 and removed in 1.26: use apiVersion autoscaling/v2",
		"path": ["apiVersion"],
	}}
}

test_superseded_beta_denied_at_newest_version if {
	got := KS021.deny with input as api_object("resource.k8s.io/v1beta1", "ResourceClaim")
	{f.msg | some f in got} == {"resource.k8s.io/v1beta1 ResourceClaim is deprecated since kubernetes 1.34: use apiVersion resource.k8s.io/v1"}
}

test_removed_is_an_error if {
	got := KS021.deny with input as api_object("extensions/v1beta1", "Ingress")
	[f.severity | some f in got] == ["error"]
}

test_deprecated_has_the_rule_severity if {
	got := KS021.deny with input as api_object("autoscaling/v2beta2", "HorizontalPodAutoscaler") with data.hardline.config as t.version("1.24")
	count(got) == 1
	every f in got {
		not f.severity
	}
}

test_before_deprecation_allowed if {
	count(KS021.deny) == 0 with input as api_object("batch/v1beta1", "CronJob") with data.hardline.config as t.version("1.20")
}

test_current_apis_allowed if {
	count(KS021.deny) == 0 with input as api_object("apps/v1", "Deployment")
	count(KS021.deny) == 0 with input as api_object("batch/v1", "CronJob")
	count(KS021.deny) == 0 with input as api_object("networking.k8s.io/v1", "Ingress")
}

test_kind_matters if {
	# networking.k8s.io/v1beta1 is deprecated for Ingress, not for a CRD that reuses the group name.
	count(KS021.deny) == 0 with input as api_object("networking.k8s.io/v1beta1", "Gateway") with data.hardline.config as t.version("1.20")
	count(KS021.deny) == 1 with input as api_object("networking.k8s.io/v1beta1", "Ingress") with data.hardline.config as t.version("1.20")
}

test_path_in_list_item if {
	obj := object.union(api_object("autoscaling/v2beta2", "HorizontalPodAutoscaler"), {"object_path": ["items", 2]})
	got := KS021.deny with input as obj with data.hardline.config as t.version("1.25")
	{f.path | some f in got} == {["items", 2, "apiVersion"]}
}

test_removed_api_denied if {
	got := KS021.deny with input as api_object("batch/v1beta1", "CronJob") with data.hardline.config as t.version("1.30")
	got == {{
		"msg": "batch/v1beta1 CronJob is no longer served since kubernetes 1.25 (target 1.30): use apiVersion batch/v1",
		"path": ["apiVersion"],
		"severity": "error",
	}}
}

test_pod_security_policy_names_psa if {
	got := KS021.deny with input as api_object("policy/v1beta1", "PodSecurityPolicy")
	{f.msg | some f in got} == {"policy/v1beta1 PodSecurityPolicy is no longer served since kubernetes 1.25 (target 1.37): use Pod Security Admission: label namespaces with pod-security.kubernetes.io/enforce"}
}

test_removed_in_the_target_version_denied if {
	removed := KS021.deny with input as api_object("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") with data.hardline.config as t.version("1.32")
	[f.severity | some f in removed] == ["error"]
	deprecated := KS021.deny with input as api_object("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") with data.hardline.config as t.version("1.31")
	count(deprecated) == 1
	[f.severity | some f in deprecated] == []
}

test_current_apis_allowed_removed_check if {
	count(KS021.deny) == 0 with input as api_object("apps/v1", "Deployment")
	count(KS021.deny) == 0 with input as api_object("policy/v1", "PodDisruptionBudget")
}
