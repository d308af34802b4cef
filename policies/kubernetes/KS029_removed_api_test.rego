package rules.kubernetes.KS029_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS029

api_object(api_version, kind) := t.plain_input(api_version, kind, {"name": "x"})

test_removed_api_denied if {
	got := KS029.deny with input as api_object("batch/v1beta1", "CronJob") with data.hardline.config as t.version("1.30")
	got == {{
		"msg": "batch/v1beta1 CronJob is no longer served since kubernetes 1.25 (target 1.30): use apiVersion batch/v1",
		"path": ["apiVersion"],
	}}
}

test_pod_security_policy_names_psa if {
	got := KS029.deny with input as api_object("policy/v1beta1", "PodSecurityPolicy")
	{f.msg | some f in got} == {"policy/v1beta1 PodSecurityPolicy is no longer served since kubernetes 1.25 (target 1.37): use Pod Security Admission: label namespaces with pod-security.kubernetes.io/enforce"}
}

test_removed_in_the_target_version_denied if {
	count(KS029.deny) == 1 with input as api_object("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") with data.hardline.config as t.version("1.32")
	count(KS029.deny) == 0 with input as api_object("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") with data.hardline.config as t.version("1.31")
}

test_deprecated_only_allowed if {
	count(KS029.deny) == 0 with input as api_object("resource.k8s.io/v1beta2", "DeviceClass")
}

test_current_apis_allowed if {
	count(KS029.deny) == 0 with input as api_object("apps/v1", "Deployment")
	count(KS029.deny) == 0 with input as api_object("policy/v1", "PodDisruptionBudget")
}
